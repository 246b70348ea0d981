package toystore.chaos;

/**
 * One planned step of the chaos schedule: a fault, or the heal of the fault before it.
 *
 * @param offsetMs when, counted from the start of the schedule
 * @param service the service to hit or heal; null for the leader-aimed faults (whoever leads then),
 *     and for a heal that undoes whatever the fault before it hit
 */
public record Fault(long offsetMs, Action action, String service) {

  public enum Action {
    KILL_LEADER(FaultKind.KILL, false),
    KILL(FaultKind.KILL, false),
    RESTART(FaultKind.KILL, true),
    PAUSE_LEADER(FaultKind.PAUSE, false),
    PAUSE(FaultKind.PAUSE, false),
    RESUME(FaultKind.PAUSE, true),
    /** The agent's isolate-leader: the leader cut off from every other service. */
    ISOLATE_LEADER(FaultKind.PARTITION, false),
    /** One order replica cut off from every other service. */
    ISOLATE(FaultKind.PARTITION, false),
    /** The leader cut off from the other order replicas only; the frontend and the catalog still reach it. */
    CUT_LEADER_FROM_FOLLOWERS(FaultKind.PARTITION, false),
    /** The frontend and the leader cut apart; everything else still talks to both. */
    CUT_FRONTEND_FROM_LEADER(FaultKind.PARTITION, false),
    /** Heals the partition the fault before it made. */
    HEAL(FaultKind.PARTITION, true),
    /** Heals every partition in force, whoever made it. */
    HEAL_ALL(FaultKind.PARTITION, true);

    private final FaultKind kind;
    private final boolean heals;

    Action(FaultKind kind, boolean heals) {
      this.kind = kind;
      this.heals = heals;
    }

    public FaultKind kind() {
      return kind;
    }

    /** Whether this step undoes a fault rather than injecting one. */
    public boolean heals() {
      return heals;
    }
  }

  public FaultKind kind() {
    return action.kind();
  }

  public String describe() {
    return switch (action) {
      case KILL_LEADER -> "kill the order leader";
      case KILL -> "kill " + service;
      case RESTART -> "restart " + (service == null ? "the killed leader" : service);
      case PAUSE_LEADER -> "pause the order leader";
      case PAUSE -> "pause " + service;
      case RESUME -> "resume " + (service == null ? "the paused leader" : service);
      case ISOLATE_LEADER -> "cut the order leader off from every other service";
      case ISOLATE -> "cut " + service + " off from every other service";
      case CUT_LEADER_FROM_FOLLOWERS -> "cut the order leader off from its followers";
      case CUT_FRONTEND_FROM_LEADER -> "cut the frontend off from the order leader";
      case HEAL -> "heal the partition";
      case HEAL_ALL -> "heal every partition";
    };
  }
}
