package toystore.bench;

import java.util.List;
import toystore.load.RequestFigures;
import toystore.load.RequestType;

/**
 * One measured load run (after its warm-up), as the benchmark reports it.
 *
 * @param label e.g. "cache 5, p=0.4" or "baseline"
 * @param cache which cache configuration the store ran with ("no cache", "cache 5", "cache 12"); "bare
 *     Spark" for the baseline
 * @param loadAverage the machine's 1-minute load average when the run started (other work on the
 *     machine shows here)
 * @param loadMs how long the clients were loading; throughputs below are counts per this time
 * @param requests the load generator's figures. Their {@code throughputPerSecond} counts the
 *     read-back phase too; {@link #perSecond} does not. Lookups happen only in the read-back phase.
 * @param cacheCounters the frontend cache's counters during the measured run; null for the baseline
 */
public record Measured(
    String label,
    String cache,
    double p,
    double loadAverage,
    long loadMs,
    long iterations,
    long outOfStock,
    long clientVisibleErrors,
    long clientRetries,
    int ordersAcknowledged,
    int mismatches,
    List<RequestFigures> requests,
    CacheCounters cacheCounters) {

  public RequestFigures figures(RequestType type) {
    return requests.stream().filter(f -> f.type() == type).findFirst().orElseThrow();
  }

  /** The same run under another label (e.g. with its round). */
  Measured labelled(String newLabel) {
    return new Measured(newLabel, cache, p, loadAverage, loadMs, iterations, outOfStock, clientVisibleErrors,
        clientRetries, ordersAcknowledged, mismatches, requests, cacheCounters);
  }

  /** Requests of {@code type} per second of loading. */
  public double perSecond(RequestType type) {
    return loadMs == 0 ? 0 : figures(type).count() * 1000.0 / loadMs;
  }
}
