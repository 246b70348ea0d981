package toystore.wire.catalog;

/**
 * One toy's stock accounting: at rest {@code initial + restocked - sold == quantity} (docs/API.md §3.4).
 */
public record LedgerRow(
    String name, double price, int quantity, long initial, long restocked, long sold, long version) {}
