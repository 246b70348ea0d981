package toystore.bench;

import java.util.List;

/**
 * What the frontend cache held at one moment of the cache timeline.
 *
 * @param atMs since the timeline started
 * @param phase which popularity order the clients followed then (1 or 2)
 * @param keys the cached toys, most recently used first
 * @param hits counters since the timeline started, as are the others
 */
public record TimelineSample(long atMs, int phase, List<String> keys, long hits, long misses, long evictions,
    long invalidations) {}
