package toystore.wire.catalog;

/**
 * The outcome of a purchase: the toy after it, and whether the key had bought before (then nothing
 * was taken this time).
 */
public record PurchaseResult(CatalogItem item, boolean repeated) {}
