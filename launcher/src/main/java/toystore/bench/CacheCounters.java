package toystore.bench;

import toystore.model.CacheStatus;

/** The frontend cache's counters over one stretch of load (differences of two {@code GET /status}). */
public record CacheCounters(long hits, long misses, long evictions, long invalidations) {
  static CacheCounters between(CacheStatus before, CacheStatus after) {
    return new CacheCounters(after.hits() - before.hits(), after.misses() - before.misses(),
        after.evictions() - before.evictions(), after.invalidations() - before.invalidations());
  }

  /** The share of product queries answered from the cache, 0 when there were none. */
  public double hitRatio() {
    long queries = hits + misses;
    return queries == 0 ? 0 : hits / (double) queries;
  }
}
