package toystore.wire.catalog;

import toystore.model.IdempotencyKey;

/**
 * {@code POST /internal/buy}: take {@code quantity} of {@code name} once per idempotency {@code key},
 * on behalf of the order leader of {@code epoch} (refused with 421 if a newer leader has been seen).
 */
public record Purchase(String name, int quantity, IdempotencyKey key, long epoch) {}
