package toystore.model;

/**
 * A service the supervisor owns. {@code kind} is order, frontend or catalog; {@code id} is the replica
 * id for order replicas, else null; {@code pid} is null while the process is not running; {@code paused}
 * is true while it is frozen (SIGSTOP); {@code role} is the role a live order replica reports, else null;
 * {@code disk} is whether the agent can fill an order replica's disk and does, null for other services.
 */
public record ServiceInfo(
    String name, String kind, Integer id, String url, Long pid, boolean alive, boolean paused, Role role,
    DiskState disk) {
  /** The {@code kind} of an order replica (docs/API.md §4 {@code GET /cluster}). */
  public static final String ORDER = "order";

  public boolean isOrderReplica() {
    return ORDER.equals(kind);
  }
}
