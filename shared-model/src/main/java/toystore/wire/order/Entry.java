package toystore.wire.order;

import toystore.model.IdempotencyKey;
import toystore.model.OrderRequest;

/**
 * One order in the replicated log. {@code number} is its position (1, 2, 3, …), {@code key} its
 * idempotency key, {@code epoch} the epoch of the leader that first appended it.
 */
public record Entry(long number, String name, int quantity, IdempotencyKey key, long epoch) {
  /** The order itself, for {@link OrderRequest#sameOrderAs} against a retry of its key. */
  public OrderRequest request() {
    return new OrderRequest(name, quantity);
  }
}
