package toystore.gui;

/**
 * One service as a card shows it, merged from the frontend's {@code /status} and the agent's
 * {@code /cluster}. Fields the sources did not give are null.
 */
record ServiceView(
    String name,
    Kind kind,
    Integer replicaId,
    String url,
    Health health,
    String role,
    Long lastOrder,
    String digest,
    Agreement agreement,
    Long pid) {

  enum Kind { ORDER, CATALOG, FRONTEND }

  enum Health {
    UP, SYNCING, DOWN, UNKNOWN;

    static Health parse(String state) {
      if (state == null) {
        return UNKNOWN;
      }
      return switch (state) {
        case "UP" -> UP;
        case "SYNCING" -> SYNCING;
        case "DOWN" -> DOWN;
        default -> UNKNOWN;
      };
    }
  }

  /** Whether this replica's digest equals the reference digest (the leader's, else the most common). */
  enum Agreement { AGREES, DIFFERS, UNKNOWN }

  boolean isLeader() {
    return "LEADER".equals(role) && health != Health.DOWN;
  }
}
