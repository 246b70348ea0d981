package toystore.metrics;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One histogram of how long an order spends in each stage of {@code S}, in seconds, labelled
 * {@code stage} (docs/PERFORMANCE.md, issue 13). Each stage's series is bound once, so timing an
 * order costs one lookup in a small enum map and one lock-free observation.
 */
public final class StageTimes<S extends Enum<S>> {
  /** Fine below 10 ms, where a loopback hop and an fsync live; coarse above. */
  private static final double[] BOUNDS = {0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003, 0.004,
      0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final Map<S, DistributionDataPoint> stages;

  public StageTimes(PrometheusRegistry registry, String name, String help, Class<S> kinds) {
    Histogram histogram = Histogram.builder()
        .name(name)
        .help(help)
        .labelNames("stage")
        .classicOnly()
        .classicUpperBounds(BOUNDS)
        .register(registry);
    this.stages = new EnumMap<>(kinds);
    for (S stage : kinds.getEnumConstants()) {
      stages.put(stage, histogram.labelValues(stage.name().toLowerCase(Locale.ROOT)));
    }
  }

  /** {@code stage} took from {@code startNanos} (a {@link System#nanoTime()}) until now. */
  public void since(S stage, long startNanos) {
    took(stage, System.nanoTime() - startNanos);
  }

  public void took(S stage, long nanos) {
    stages.get(stage).observe(nanos / 1e9);
  }
}
