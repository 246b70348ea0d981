package toystore.model;

import java.util.List;

/** The frontend's product cache; {@code keys} are canonical names, most recently used first. */
public record CacheStatus(
    boolean enabled,
    int capacity,
    int size,
    List<String> keys,
    long hits,
    long misses,
    long evictions,
    long invalidations) {}
