package toystore.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  @Test
  void figuresFollowTheRecordedLatencies() {
    LatencyStats stats = new LatencyStats(RequestType.ORDER);
    for (int ms = 1; ms <= 1000; ms++) {
      stats.record(TimeUnit.MILLISECONDS.toNanos(ms), ms % 100 == 0 ? 1 : 0, ms > 990);
    }

    RequestFigures f = stats.figures(TimeUnit.SECONDS.toNanos(10));

    assertThat(f.type()).isEqualTo(RequestType.ORDER);
    assertThat(f.count()).isEqualTo(1000);
    assertThat(f.errors()).isEqualTo(10);
    assertThat(f.retries()).isEqualTo(10);
    assertThat(f.throughputPerSecond()).isEqualTo(100.0);
    // HdrHistogram keeps 3 significant digits: within 0.1 %.
    assertThat(f.p50Ms()).isCloseTo(500, within(1.0));
    assertThat(f.p90Ms()).isCloseTo(900, within(1.0));
    assertThat(f.p99Ms()).isCloseTo(990, within(1.0));
    assertThat(f.p999Ms()).isCloseTo(999, within(1.0));
    assertThat(f.maxMs()).isCloseTo(1000, within(1.0));
    assertThat(f.meanMs()).isCloseTo(500.5, within(1.0));
  }

  @Test
  void anIntervalHoldsOnlyWhatWasRecordedSinceThePreviousOne() {
    LatencyStats stats = new LatencyStats(RequestType.ORDER);
    for (int i = 0; i < 100; i++) {
      stats.record(TimeUnit.MILLISECONDS.toNanos(i < 5 ? 2000 : 3), 0, false);
    }

    IntervalFigures spike = stats.takeInterval();
    for (int i = 0; i < 100; i++) {
      stats.record(TimeUnit.MILLISECONDS.toNanos(3), 0, false);
    }
    IntervalFigures after = stats.takeInterval();

    assertThat(spike.count()).isEqualTo(100);
    assertThat(spike.p99Ms()).isCloseTo(2000, within(2.0));
    assertThat(after.count()).isEqualTo(100);
    assertThat(after.p99Ms()).isCloseTo(3, within(0.01));
    assertThat(stats.takeInterval().count()).isZero();
    // The whole run still holds the spike.
    assertThat(stats.figures(TimeUnit.SECONDS.toNanos(2)).p99Ms()).isCloseTo(2000, within(2.0));
  }

  @Test
  void anIntervalCountsOnlyItsOwnErrors() {
    LatencyStats stats = new LatencyStats(RequestType.LOOKUP);
    for (int i = 0; i < 10; i++) {
      stats.record(TimeUnit.MILLISECONDS.toNanos(5), 0, i < 3);
    }

    IntervalFigures first = stats.takeInterval();
    stats.record(TimeUnit.MILLISECONDS.toNanos(5), 0, true);
    IntervalFigures second = stats.takeInterval();
    IntervalFigures quiet = stats.takeInterval();

    assertThat(first.errors()).isEqualTo(3);
    assertThat(second.errors()).isEqualTo(1);
    assertThat(second.count()).isEqualTo(1);
    assertThat(quiet.errors()).isZero();
    // The whole run counts all of them.
    assertThat(stats.figures(TimeUnit.SECONDS.toNanos(1)).errors()).isEqualTo(4);
  }

  @Test
  void noRequestsGiveZeros() {
    RequestFigures f = new LatencyStats(RequestType.QUERY).figures(0);

    assertThat(f.count()).isZero();
    assertThat(f.throughputPerSecond()).isZero();
    assertThat(f.p50Ms()).isZero();
    assertThat(f.maxMs()).isZero();
    assertThat(f.meanMs()).isZero();
  }
}
