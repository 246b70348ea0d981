package toystore.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import toystore.load.LoadGenerator;
import toystore.load.LoadReport;
import toystore.load.LoadSettings;
import toystore.load.LoadSnapshot;
import toystore.load.RequestFigures;
import toystore.load.RetryPolicy;
import toystore.load.ToyMix;
import toystore.model.CacheStatus;

/**
 * One load for a fixed time: started, stopped after the time, its clients' read-back awaited. The
 * clients never retry, so every failure the store lets through is counted as client-visible.
 */
final class TimedLoad {
  /** One attempt per request: what the benchmark reports is what the store itself hides. */
  static final RetryPolicy NO_RETRIES = new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofMillis(1));
  private static final long POLL_MS = 5;

  private final LoadGenerator load;
  private final double loadAverage;
  private long startNanos;

  TimedLoad(LoadSettings settings, ToyMix toys) {
    this.load = new LoadGenerator(settings, toys, NO_RETRIES);
    this.loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  TimedLoad start() {
    startNanos = System.nanoTime();
    load.start();
    return this;
  }

  LoadGenerator generator() {
    return load;
  }

  /** Runs {@code settings} for {@code ms} and throws the result away (JIT warm-up, a store settling). */
  static void warmUp(LoadSettings settings, ToyMix toys, long ms) throws InterruptedException {
    TimedLoad warmup = new TimedLoad(settings, toys).start();
    Thread.sleep(ms);
    warmup.finish();
  }

  /** The report of a finished load and how long its clients were loading. */
  record Finished(LoadReport report, long loadMs, double loadAverage) {
    Measured measured(String label, String cache, CacheCounters counters) {
      long retries = report.requests().stream().mapToLong(RequestFigures::retries).sum();
      return new Measured(label, cache, report.settings().orderProbability(), loadAverage, loadMs,
          report.iterations(), report.outOfStock(), report.clientVisibleErrors(), retries, report.orders().size(),
          report.mismatches().size(), report.requests(), counters);
    }
  }

  /** Asks the clients to stop, and waits until they have read back their orders. */
  Finished finish() throws InterruptedException {
    load.stop();
    long loadNanos;
    while (true) {
      // The clients finish their current iteration and then read back; loading ends with the last one.
      if (load.snapshot().phase() != LoadSnapshot.Phase.RUNNING) {
        loadNanos = System.nanoTime() - startNanos;
        break;
      }
      Thread.sleep(POLL_MS);
    }
    return new Finished(load.awaitReport(), loadNanos / 1_000_000, loadAverage);
  }

  /** {@link #start}, wait {@code ms}, {@link #finish}. */
  static Finished run(LoadSettings settings, ToyMix toys, long ms) throws InterruptedException {
    TimedLoad timed = new TimedLoad(settings, toys).start();
    Thread.sleep(ms);
    return timed.finish();
  }

  /** The cache's counters between two statuses, or null for a store without a cache. */
  static CacheCounters counters(CacheStatus before, CacheStatus after) {
    return before.enabled() ? CacheCounters.between(before, after) : null;
  }
}
