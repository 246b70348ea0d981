package toystore.model;

import java.util.List;

/**
 * {@code GET /audit} on the agent: everything the consistency checker compares. {@code catalog} is
 * the catalog's ledger, {@code replicas} every order replica as the supervisor sees it (state, role, lastOrder and digest
 * null when it does not answer), and
 * {@code orders} every committed order.
 */
public record Audit(List<Toy> catalog, List<ReplicaStatus> replicas, List<CommittedOrder> orders) {

  /** One toy's stock ledger: at rest, {@code initial + restocked - sold == quantity}. */
  public record Toy(String name, double price, long quantity, long initial, long restocked, long sold, long version) {}

  /** A committed order with the idempotency key it was bought under. */
  public record CommittedOrder(long number, String name, int quantity, String key) {}
}
