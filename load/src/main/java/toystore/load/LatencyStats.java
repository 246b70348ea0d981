package toystore.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latencies, errors and retries of one request type; every client thread records into it. The
 * bench's bare Ratis counter records its writes here too, so both report the same figures.
 */
public final class LatencyStats {
  private static final int SIGNIFICANT_DIGITS = 3;

  private final RequestType type;
  private final Histogram micros = new Histogram(SIGNIFICANT_DIGITS);
  /** The same latencies since the last {@link #takeInterval()}: HdrHistogram's double-buffered recorder. */
  private final Recorder interval = new Recorder(SIGNIFICANT_DIGITS);
  private Histogram recycled;
  private long errors;
  /** The errors since the last {@link #takeInterval()}. */
  private long intervalErrors;
  private long retries;

  public LatencyStats(RequestType type) {
    this.type = type;
  }

  /** One finished request; {@code failed} when the client saw it fail after its retries. */
  public synchronized void record(long nanos, int retries, boolean failed) {
    long value = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
    micros.recordValue(value);
    interval.recordValue(value);
    this.retries += retries;
    if (failed) {
      errors++;
      intervalErrors++;
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

  /** The latencies and errors recorded since the previous call, and starts the next interval; one reader only. */
  public synchronized IntervalFigures takeInterval() {
    recycled = interval.getIntervalHistogram(recycled);
    long count = recycled.getTotalCount();
    long failed = intervalErrors;
    intervalErrors = 0;
    return new IntervalFigures(type, count, failed, millis(recycled, 50), millis(recycled, 99));
  }

  private static double millis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  private double millis(double percentile) {
    return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
  }
}
