package toystore.supervisor;

import toystore.config.Replication;

/** The store's tunables the supervisor hands to its services, the replication engine among them. */
public record ServiceOptions(boolean cacheEnabled, int cacheSize, long restockIntervalMs, Replication replication) {
  public static final int DEFAULT_CACHE_SIZE = 5;
  public static final long DEFAULT_RESTOCK_INTERVAL_MS = 10_000;

  public ServiceOptions {
    if (cacheEnabled && cacheSize < 1) {
      throw new IllegalArgumentException("cache size must be at least 1 (use --no-cache to switch the cache off)");
    }
    if (restockIntervalMs < 1) {
      throw new IllegalArgumentException("restock interval must be at least 1 ms");
    }
    if (replication == null) {
      throw new IllegalArgumentException("a replication engine is needed");
    }
  }

  /** The lab engine, the default (docs/API.md §5). */
  public ServiceOptions(boolean cacheEnabled, int cacheSize, long restockIntervalMs) {
    this(cacheEnabled, cacheSize, restockIntervalMs, Replication.LAB);
  }

  public static ServiceOptions defaults() {
    return new ServiceOptions(true, DEFAULT_CACHE_SIZE, DEFAULT_RESTOCK_INTERVAL_MS);
  }

  /** These options with another engine. */
  public ServiceOptions with(Replication engine) {
    return new ServiceOptions(cacheEnabled, cacheSize, restockIntervalMs, engine);
  }
}
