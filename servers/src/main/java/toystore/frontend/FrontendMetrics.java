package toystore.frontend;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.ToDoubleFunction;
import toystore.cache.ProductCache;
import toystore.model.CacheStatus;
import toystore.model.ReplicaStatus;
import toystore.model.State;

/**
 * The frontend's own figures, read at each scrape from what {@code GET /status} shows: the cache's
 * counters (the same numbers, so the two never disagree) and the leader it sends orders to.
 */
final class FrontendMetrics {
  private FrontendMetrics() {}

  static void register(PrometheusRegistry registry, ProductCache cache, LeaderSource selector) {
    cacheCounter(registry, cache, "toystore_cache_hits_total", "Product queries answered from the cache",
        CacheStatus::hits);
    cacheCounter(registry, cache, "toystore_cache_misses_total",
        "Product queries the cache could not answer (unknown names included)", CacheStatus::misses);
    cacheCounter(registry, cache, "toystore_cache_evictions_total",
        "Products dropped from the cache to make room (least recently used first)", CacheStatus::evictions);
    cacheCounter(registry, cache, "toystore_cache_invalidations_total",
        "Invalidations the catalog pushed to the frontend", CacheStatus::invalidations);
    cacheGauge(registry, cache, "toystore_cache_size_entries", "Products in the cache now", CacheStatus::size);
    cacheGauge(registry, cache, "toystore_cache_capacity_entries", "Products the cache can hold",
        CacheStatus::capacity);
    cacheGauge(registry, cache, "toystore_cache_enabled", "1 when the cache is on, 0 when switched off",
        status -> status.enabled() ? 1 : 0);
    GaugeWithCallback.builder()
        .name("toystore_frontend_leader_id")
        .help("The order replica the frontend sends orders to; 0 while it knows none")
        .callback(callback -> {
          Integer leader = selector.leaderId();
          callback.call(leader == null ? 0 : leader);
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("toystore_frontend_replica_up")
        .help("1 when the replica answered the frontend's last health probe, else 0")
        .labelNames("replica")
        .callback(callback -> {
          for (ReplicaStatus replica : selector.statuses()) {
            callback.call(replica.state() == State.DOWN ? 0 : 1, Integer.toString(replica.id()));
          }
        })
        .register(registry);
  }

  private static void cacheCounter(PrometheusRegistry registry, ProductCache cache, String name, String help,
                                   ToDoubleFunction<CacheStatus> figure) {
    CounterWithCallback.builder().name(name).help(help)
        .callback(callback -> callback.call(figure.applyAsDouble(cache.status())))
        .register(registry);
  }

  private static void cacheGauge(PrometheusRegistry registry, ProductCache cache, String name, String help,
                                 ToDoubleFunction<CacheStatus> figure) {
    GaugeWithCallback.builder().name(name).help(help)
        .callback(callback -> callback.call(figure.applyAsDouble(cache.status())))
        .register(registry);
  }
}
