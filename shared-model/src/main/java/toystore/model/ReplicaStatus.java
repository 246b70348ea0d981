package toystore.model;

/**
 * One order replica as seen from outside it: in the frontend's {@code /status} and the agent's
 * {@code /audit} (docs/API.md §1 {@code GET /status}, §4). {@code name} is its service name ({@code order-<id>});
 * {@code alive} is the observer's own evidence that it runs (the frontend: it answered the last
 * probe; the agent: its process is running). {@code state}, {@code role}, {@code lastOrder},
 * {@code digest}, {@code epoch} (the lab epoch, or the Raft term in raft mode) and {@code fault} (its
 * failing disk write, else null) are from its {@code /health}; what each observer gives for a replica
 * that does not answer is in docs/API.md.
 */
public record ReplicaStatus(
    int id, String name, String url, boolean alive, State state, Role role, Long lastOrder, String digest,
    Long epoch, String fault) {

  /** One without an epoch or a fault: a replica that did not answer, whose epoch nobody knows. */
  public ReplicaStatus(int id, String name, String url, boolean alive, State state, Role role, Long lastOrder,
      String digest) {
    this(id, name, url, alive, state, role, lastOrder, digest, null, null);
  }

  /** A replica that answered {@code health}. */
  public static ReplicaStatus answered(int id, String url, ReplicaHealth health) {
    return new ReplicaStatus(id, ReplicaStatus.name(id), url, true, health.state(), health.role(), health.lastOrder(),
        health.digest(), health.epoch(), health.fault());
  }

  /** Replica {@code id}'s service name: its process, its log file and its agent name. */
  public static String name(int id) {
    return "order-" + id;
  }
}
