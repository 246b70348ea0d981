package toystore.model;

/** The body of {@code POST /orders}; build one with {@link OrderRequests#parse(String)} to validate it. */
public record OrderRequest(String name, int quantity) {
  /** What a repeat of an idempotency key with another order is refused with (422, docs/API.md §1 {@code POST /orders}). */
  public static final String KEY_REUSED = "idempotency key reused with a different order";

  /**
   * Whether {@code other}, sent under the same idempotency key, is this order again: the same toy
   * (names are case-insensitive) and quantity. The one rule for every place that remembers a key.
   */
  public boolean sameOrderAs(OrderRequest other) {
    return name.equalsIgnoreCase(other.name) && quantity == other.quantity;
  }
}
