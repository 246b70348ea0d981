package toystore.model;

import java.util.List;

/**
 * {@code GET /audit} on the agent: everything the consistency checker compares. {@code catalog} is
 * the catalog's ledger, {@code replicas} every order replica as the supervisor sees it, and
 * {@code orders} every committed order.
 */
public record Audit(List<Toy> catalog, List<Replica> replicas, List<CommittedOrder> orders) {

  /** One toy's stock ledger: at rest, {@code initial + restocked - sold == quantity}. */
  public record Toy(String name, double price, long quantity, long initial, long restocked, long sold, long version) {}

  /**
   * One order replica. {@code lastOrder} and {@code digest} are null when it is not alive;
   * {@code state} and {@code role} as in {@link ReplicaStatus}.
   */
  public record Replica(
      Integer id, String name, String url, boolean alive, Long lastOrder, String digest, State state, Role role) {}

  /** A committed order with the idempotency key it was bought under. */
  public record CommittedOrder(long number, String name, int quantity, String key) {}
}
