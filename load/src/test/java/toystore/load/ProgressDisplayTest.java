package toystore.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private static final List<RequestFigures> FIGURES =
      List.of(
          new RequestFigures(RequestType.QUERY, 50, 0, 0, 10, 1, 1.25, 2, 3, 3, 3),
          new RequestFigures(RequestType.ORDER, 20, 0, 0, 4, 2, 2.5, 4, 6, 6, 6),
          new RequestFigures(RequestType.LOOKUP, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

  @Test
  void aBoundedRunShowsABar() {
    String line = ProgressDisplay.line(new LoadSnapshot(LoadSnapshot.Phase.RUNNING, 1500, 50, 200, 20, 1, FIGURES));

    assertThat(line).startsWith("[######..................]  25% 50/200 running").contains("query p50 1.3 ms", "20 orders, 1 errors");
  }

  @Test
  void anOpenEndedRunShowsTheElapsedTime() {
    String line = ProgressDisplay.line(new LoadSnapshot(LoadSnapshot.Phase.VERIFYING, 12_345, 70, 0, 20, 0, FIGURES));

    assertThat(line).startsWith("[  12.3 s] 70 verifying");
  }

  @Test
  void aRunOfAPlannedDurationShowsTheElapsedOfTheTotal() {
    String line = ProgressDisplay.line(new LoadSnapshot(LoadSnapshot.Phase.RUNNING, 12_345, 70, 0, 20, 0, FIGURES),
        Duration.ofSeconds(60));

    assertThat(line).startsWith("[  12.3 s of 60.0 s] 70 running").contains("20 orders, 0 errors");
  }

  @Test
  void theTickerPrintsEveryPeriodUntilClosed() throws InterruptedException {
    StringWriter text = new StringWriter();
    AtomicInteger asked = new AtomicInteger();
    ProgressTicker ticker = ProgressTicker.start("test-ticker", new PrintWriter(text), Duration.ofMillis(20),
        () -> "tick " + asked.incrementAndGet());
    for (int i = 0; i < 250 && asked.get() < 3; i++) {
      Thread.sleep(20);
    }
    ticker.close();
    int printed = asked.get();
    Thread.sleep(100);

    assertThat(printed).isGreaterThanOrEqualTo(3);
    assertThat(asked).as("lines asked for after close").hasValue(printed);
    assertThat(text.toString()).startsWith("tick 1" + System.lineSeparator() + "tick 2" + System.lineSeparator());
  }
}
