package toystore.wire.order;

/**
 * One order in the replicated log. {@code number} is its position (1, 2, 3, …), {@code key} its
 * idempotency key, {@code epoch} the epoch of the leader that first appended it.
 */
public record Entry(long number, String name, int quantity, String key, long epoch) {}
