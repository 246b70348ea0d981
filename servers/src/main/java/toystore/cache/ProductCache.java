package toystore.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import toystore.model.CacheStatus;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Invalidation;

/**
 * The frontend's LRU cache of products, keyed case-insensitively. Each toy has a version floor
 * raised by invalidations: a fill that read the catalog before an invalidation arrived carries an
 * older version and is refused, so a racing fill can never store stale stock.
 */
public final class ProductCache {
  private final boolean enabled;
  private final int capacity;
  private final LinkedHashMap<String, CatalogItem> entries;
  private final Map<String, Long> versionFloor = new HashMap<>();
  private long hits;
  private long misses;
  private long evictions;
  private long invalidations;

  /** @param capacity how many toys it holds; 0 holds none. {@code enabled=false} bypasses it. */
  public ProductCache(boolean enabled, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("cache capacity must be 0 or more, not " + capacity);
    }
    this.enabled = enabled;
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CatalogItem> eldest) {
        boolean evict = size() > ProductCache.this.capacity;
        if (evict) {
          evictions++;
        }
        return evict;
      }
    };
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The cached toy, counting a hit or a miss. */
  public synchronized Optional<CatalogItem> get(String name) {
    CatalogItem item = enabled ? entries.get(key(name)) : null;
    if (item == null) {
      misses++;
    } else {
      hits++;
    }
    return Optional.ofNullable(item);
  }

  /** Stores what a read of the catalog returned, unless an invalidation has since made it stale. */
  public synchronized void fill(CatalogItem item) {
    String key = key(item.name());
    if (!enabled || capacity == 0 || item.version() < versionFloor.getOrDefault(key, 0L)) {
      return;
    }
    CatalogItem current = entries.get(key);
    if (current == null || current.version() <= item.version()) {
      entries.put(key, item);
    }
  }

  /** The catalog changed {@code name}; copies older than {@code version} are stale. */
  public synchronized void invalidate(Invalidation invalidation) {
    invalidations++;
    drop(invalidation.name(), invalidation.version());
  }

  /** This frontend saw {@code name} change (an order it acknowledged): drop copies older than {@code version}. */
  public synchronized void drop(String name, long version) {
    String key = key(name);
    versionFloor.merge(key, version, Math::max);
    CatalogItem current = entries.get(key);
    if (current != null && current.version() < version) {
      entries.remove(key);
    }
  }

  /** Drops {@code name} whatever its version (when the version of a change is not known). */
  public synchronized void evict(String name) {
    entries.remove(key(name));
  }

  public synchronized CacheStatus status() {
    List<String> keys = new ArrayList<>();
    entries.values().forEach(item -> keys.add(item.name()));
    Collections.reverse(keys);
    return new CacheStatus(enabled, capacity, entries.size(), keys, hits, misses, evictions, invalidations);
  }
}
