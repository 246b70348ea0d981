package toystore.wire.catalog;

import java.util.List;

/**
 * {@code GET /internal/purchases/unsettled}: the purchases no order has claimed yet that were made
 * before {@code boughtBeforeMillis} (the catalog's clock, now minus the age asked for), oldest
 * first. A {@link Settlement} built from it carries that cut-off.
 */
public record Unsettled(long boughtBeforeMillis, List<Purchase> purchases) {}
