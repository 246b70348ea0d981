package toystore.wire.catalog;

/**
 * {@code POST /internal/epoch}: a new order leader's {@code epoch}, which the catalog keeps as its
 * fence; the reply carries the highest epoch the catalog has seen.
 */
public record Fence(long epoch) {}
