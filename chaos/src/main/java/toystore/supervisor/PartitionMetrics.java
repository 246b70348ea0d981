package toystore.supervisor;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import toystore.nemesis.Partitions;

/** The partitions the agent made, read from {@link Partitions} at each scrape. */
final class PartitionMetrics {
  private PartitionMetrics() {}

  static void register(PrometheusRegistry registry, Partitions partitions) {
    CounterWithCallback.builder()
        .name("toystore_supervisor_partitions_total")
        .help("Network partitions made since the store started (isolate-leader included), healed or not")
        .callback(callback -> callback.call(partitions.made()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("toystore_supervisor_partitions_active")
        .help("Network partitions in force now")
        .callback(callback -> callback.call(partitions.inForce()))
        .register(registry);
  }
}
