package toystore.gui;

import toystore.model.DiskState;
import toystore.model.Role;
import toystore.model.State;

/**
 * One service as a card shows it, merged from the frontend's {@code /status} and the agent's
 * {@code /cluster} and {@code /partitions}. Fields the sources did not give are null; {@code epoch}
 * is a live replica's epoch (the Raft term in raft mode); {@code
 * ordersApart} is how many orders this replica's log differs from the reference by; {@code paused}
 * while the agent has it frozen; {@code isolated} while a partition cuts it off (see {@link
 * ClusterState}); {@code disk} whether the agent can fill a replica's disk and does (null for other
 * services and without an agent); {@code fault} a replica's failing disk write as it told the
 * frontend ({@code fault} in {@code /status}, docs/API.md), null when none or for other services.
 */
record ServiceView(
    String name,
    Kind kind,
    Integer replicaId,
    String url,
    Health health,
    Role role,
    Long lastOrder,
    Long epoch,
    String digest,
    Agreement agreement,
    Long ordersApart,
    Long pid,
    boolean paused,
    boolean isolated,
    DiskState disk,
    String fault) {

  enum Kind { ORDER, CATALOG, FRONTEND }

  enum Health {
    UP, SYNCING, DOWN, UNKNOWN;

    /** A reported state as shown; UNKNOWN when nobody reported one. */
    static Health of(State state) {
      return state == null ? UNKNOWN : valueOf(state.name());
    }
  }

  /**
   * This replica's digest against the reference (the leader's, else the most common): equal; or
   * different with another number of orders (under load the frontend samples replicas a moment
   * apart, and a follower may be a commit behind: not comparable yet); or different with as many
   * orders (the logs diverged).
   */
  enum Agreement { AGREES, IN_FLIGHT, DIFFERS, UNKNOWN }

  boolean isLeader() {
    return role == Role.LEADER && health != Health.DOWN;
  }
}
