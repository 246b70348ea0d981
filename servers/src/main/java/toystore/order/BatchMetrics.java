package toystore.order;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import toystore.model.Role;

/**
 * The batches a replica writes to its log, one synced transaction each: the leader's batches of new
 * orders, and the appends a follower takes from its leader. How many orders each held and how long
 * the write (and its fsync) took: what an order waits for on every replica's disk.
 */
final class BatchMetrics {
  private final Histogram sizes;
  private final Histogram writeTimes;

  BatchMetrics(PrometheusRegistry registry) {
    this.sizes = Histogram.builder()
        .name("toystore_replica_batch_size_orders")
        .help("Orders written to the log in one synced transaction, by the role the replica wrote it in")
        .labelNames("role")
        .classicOnly()
        .classicUpperBounds(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
        .register(registry);
    this.writeTimes = Histogram.builder()
        .name("toystore_replica_batch_write_seconds")
        .help("Time one batch took to be written to the log and synced to disk, by role")
        .labelNames("role")
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
        .register(registry);
  }

  /** A batch of {@code orders} was written in {@code nanos} by a replica in {@code role}. */
  void written(Role role, int orders, long nanos) {
    String label = role.name().toLowerCase(Locale.ROOT);
    sizes.labelValues(label).observe(orders);
    writeTimes.labelValues(label).observe(nanos / 1e9);
  }
}
