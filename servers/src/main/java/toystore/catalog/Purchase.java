package toystore.catalog;

/** {@code POST /internal/buy}: take {@code quantity} of {@code name} once per idempotency {@code key}. */
public record Purchase(String name, int quantity, String key) {}
