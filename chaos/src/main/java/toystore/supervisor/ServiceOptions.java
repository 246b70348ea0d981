package toystore.supervisor;

/** The store's tunables the supervisor hands to its services. */
public record ServiceOptions(boolean cacheEnabled, int cacheSize, long restockIntervalMs) {
  public static final int DEFAULT_CACHE_SIZE = 5;
  public static final long DEFAULT_RESTOCK_INTERVAL_MS = 10_000;

  public ServiceOptions {
    if (cacheEnabled && cacheSize < 1) {
      throw new IllegalArgumentException("cache size must be at least 1 (use --no-cache to switch the cache off)");
    }
    if (restockIntervalMs < 1) {
      throw new IllegalArgumentException("restock interval must be at least 1 ms");
    }
  }

  public static ServiceOptions defaults() {
    return new ServiceOptions(true, DEFAULT_CACHE_SIZE, DEFAULT_RESTOCK_INTERVAL_MS);
  }
}
