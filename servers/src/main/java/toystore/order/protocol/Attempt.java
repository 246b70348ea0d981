package toystore.order.protocol;

import java.util.ArrayList;
import java.util.List;
import toystore.model.IdempotencyKey;
import toystore.wire.catalog.PurchaseResult;

/**
 * An order being bought and appended under {@code key} in {@code epoch}: the first request and
 * every retry with the same key that joined it wait for it.
 */
final class Attempt {
  final IdempotencyKey key;
  final long epoch;
  final int quantity;
  final List<Waiter> waiters = new ArrayList<>();
  /** The catalog's answer, once bought; the toy after it goes back with the order (for the cache). */
  PurchaseResult purchase;

  Attempt(IdempotencyKey key, long epoch, int quantity) {
    this.key = key;
    this.epoch = epoch;
    this.quantity = quantity;
  }
}
