package toystore.chaos;

/**
 * One planned step of the chaos schedule.
 *
 * @param offsetMs when, counted from the start of the schedule
 * @param service the service to kill or restart; null for KILL_LEADER (whoever leads then), and
 *     for a RESTART of a leader killed that way
 */
public record Fault(long offsetMs, Action action, String service) {

  public enum Action {
    KILL_LEADER,
    KILL,
    RESTART
  }

  public String describe() {
    return switch (action) {
      case KILL_LEADER -> "kill the order leader";
      case KILL -> "kill " + service;
      case RESTART -> "restart " + (service == null ? "the killed leader" : service);
    };
  }
}
