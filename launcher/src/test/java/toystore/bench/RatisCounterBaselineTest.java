package toystore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import toystore.load.RequestType;
import toystore.supervisor.Deadline;
import toystore.supervisor.FreePorts;
import toystore.supervisor.JavaCommand;

/** Three real peer JVMs on loopback; no timing thresholds, only what the counter must hold. */
class RatisCounterBaselineTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void everyAcknowledgedIncrementIsCountedOnEveryPeerAndThePeersStopCompletely() throws Exception {
    List<String> progress = new ArrayList<>();
    try (FreePorts.Block ports = FreePorts.reserve(RatisCounterBaseline.PEERS)) {
      try (RatisCounterBaseline counter = RatisCounterBaseline.start(JavaCommand.current(), ports.base(), dir.resolve("counter"),
          progress::add)) {
        counter.warmUp(4, 1_000);
        Measured one = counter.run(1, 1_500);
        Measured sixteen = counter.run(16, 1_500);

        for (Measured run : List.of(one, sixteen)) {
          assertThat(run.perSecond(RequestType.ORDER)).as(run.label()).isPositive();
          assertThat(run.clientVisibleErrors()).as(run.label()).isZero();
          assertThat(run.ordersAcknowledged()).as(run.label()).isEqualTo(run.figures(RequestType.ORDER).count());
          assertThat(run.cache()).isEqualTo(RatisCounterBaseline.ENGINE);
        }
        assertThat(sixteen.label()).isEqualTo("bare Ratis counter, 16 clients");
        assertThat(progress).isEmpty();
        // Warm-up included: every acknowledged increment, and nothing else, on all three peers.
        assertThat(counter.acknowledged())
            .isGreaterThanOrEqualTo((long) one.ordersAcknowledged() + sixteen.ordersAcknowledged());
        assertThat(counter.count()).isEqualTo(counter.acknowledged());
        Deadline.await(Duration.ofSeconds(30), "every peer counting every acknowledged increment",
            () -> appliedCounts(counter).values().stream().allMatch(c -> c == counter.acknowledged()));
        assertThat(appliedCounts(counter)).hasSize(RatisCounterBaseline.PEERS);
      }
      // Closed means gone: every peer's port can be bound again.
      for (int port = ports.base(); port < ports.base() + RatisCounterBaseline.PEERS; port++) {
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
          assertThat(again.isBound()).isTrue();
        }
      }
    }
  }

  private static Map<Integer, Long> appliedCounts(RatisCounterBaseline counter) {
    try {
      return counter.appliedCounts();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the peers' counts", e);
    }
  }
}
