package toystore.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latencies, errors and retries of one request type; every client thread records into it. The
 * bench's bare Ratis counter records its writes here too, so both report the same figures.
 */
public final class LatencyStats {
  private static final int SIGNIFICANT_DIGITS = 3;

  private final RequestType type;
  private final Histogram micros = new Histogram(SIGNIFICANT_DIGITS);
  private long errors;
  private long retries;

  public LatencyStats(RequestType type) {
    this.type = type;
  }

  /** One finished request; {@code failed} when the client saw it fail after its retries. */
  public synchronized void record(long nanos, int retries, boolean failed) {
    micros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    this.retries += retries;
    if (failed) {
      errors++;
    }
  }

  public synchronized RequestFigures figures(long elapsedNanos) {
    long count = micros.getTotalCount();
    double seconds = elapsedNanos / 1e9;
    return new RequestFigures(
        type,
        count,
        errors,
        retries,
        seconds > 0 ? count / seconds : 0,
        count == 0 ? 0 : micros.getMean() / 1000.0,
        millis(50),
        millis(90),
        millis(99),
        millis(99.9),
        count == 0 ? 0 : micros.getMaxValue() / 1000.0);
  }

  private double millis(double percentile) {
    return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
  }
}
