package toystore.wire.catalog;

/** A toy changed in the catalog: cached copies older than {@code version} are stale. */
public record Invalidation(String name, long version) {}
