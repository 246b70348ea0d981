package toystore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import toystore.client.JsonHttpClient;
import toystore.http.HttpError;
import toystore.http.JsonServer;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Invalidation;
import toystore.wire.catalog.Invalidations;

/** The catalog's pusher against a real frontend-side receiver that fails, or is not there yet. */
class InvalidationPusherTest {
  private static final String SECRET = "pusher-secret";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final List<String> TOYS = List.of("Tux", "Whale", "Fox");

  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(500), Duration.ofSeconds(3));

  /** A frontend's {@code /internal/invalidate} that answers 503 until it is ready. */
  private static final class Receiver implements AutoCloseable {
    final AtomicBoolean ready;
    final AtomicInteger refused = new AtomicInteger();
    /** How many toys each accepted push carried. */
    final List<Integer> pushSizes = new ArrayList<>();
    /** Versions delivered, per toy, in the order they arrived. */
    private final Map<String, List<Long>> delivered = new LinkedHashMap<>();
    private final JsonServer server;

    Receiver(int port, boolean ready) {
      this.ready = new AtomicBoolean(ready);
      server = new JsonServer("receiver", "127.0.0.1", port, 16, JsonServer.Guard.internalRoutes(SECRET),
          JsonServer.Admission.unlimited(), new PrometheusRegistry())
          .post("/internal/invalidate", (req, res) -> {
            Invalidations invalidations = JsonServer.body(req, Invalidations.class);
            if (!this.ready.get()) {
              refused.incrementAndGet();
              throw new HttpError(503, "not ready");
            }
            synchronized (this) {
              pushSizes.add(invalidations.invalidations().size());
              for (Invalidation invalidation : invalidations.invalidations()) {
                delivered.computeIfAbsent(invalidation.name(), n -> new ArrayList<>()).add(invalidation.version());
              }
            }
            return Map.of("invalidated", invalidations.invalidations().size());
          })
          .start();
    }

    synchronized Map<String, List<Long>> delivered() {
      Map<String, List<Long>> copy = new LinkedHashMap<>();
      delivered.forEach((name, versions) -> copy.put(name, List.copyOf(versions)));
      return copy;
    }

    /** Waits (bounded) until every toy's last delivered version is {@code version}. */
    Map<String, List<Long>> awaitNewest(long version) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        Map<String, List<Long>> now = delivered();
        if (TOYS.stream().allMatch(t -> now.containsKey(t) && now.get(t).get(now.get(t).size() - 1) == version)) {
          return now;
        }
        Thread.sleep(20);
      }
      return delivered();
    }

    @Override
    public void close() {
      server.stop();
    }
  }

  @Test
  void afterFailuresEveryToysNewestVersionArrivesAndNeverAnOlderAfterANewer() throws Exception {
    try (Receiver receiver = new Receiver(29010, false);
        InvalidationPusher pusher = new InvalidationPusher(http, "http://127.0.0.1:29010", SECRET)) {
      for (long version = 1; version <= 40; version++) {
        for (String toy : TOYS) {
          pusher.push(new CatalogItem(toy, 1.0, 1, version));
        }
        Thread.sleep(5); // pushes keep coming while earlier ones fail and are retried
      }
      Thread.sleep(300); // the newest versions fail too
      receiver.ready.set(true);

      Map<String, List<Long>> delivered = receiver.awaitNewest(40);

      assertThat(receiver.refused.get()).as("refused attempts").isGreaterThan(1);
      for (String toy : TOYS) {
        assertThat(delivered.get(toy)).as(toy).isNotEmpty().isSorted().doesNotHaveDuplicates().endsWith(40L);
      }
    }
  }

  @Test
  void toysThatChangeWhileAPushIsRefusedArriveTogetherInOnePush() throws Exception {
    try (Receiver receiver = new Receiver(29014, false);
        InvalidationPusher pusher = new InvalidationPusher(http, "http://127.0.0.1:29014", SECRET)) {
      for (String toy : TOYS) {
        pusher.push(new CatalogItem(toy, 1.0, 1, 1));
      }
      Thread.sleep(200); // refused at least once, so every toy is pending when it is next sent
      receiver.ready.set(true);

      receiver.awaitNewest(1);

      assertThat(receiver.refused.get()).as("refused attempts").isGreaterThan(0);
      synchronized (receiver) {
        assertThat(receiver.pushSizes).as("toys per accepted push").containsExactly(TOYS.size());
      }
    }
  }

  @Test
  void aFrontendThatStartsLateGetsWhatWasPushedBeforeIt() throws Exception {
    try (InvalidationPusher pusher = new InvalidationPusher(http, "http://127.0.0.1:29011", SECRET)) {
      for (String toy : TOYS) {
        pusher.push(new CatalogItem(toy, 1.0, 1, 1));
      }
      Thread.sleep(300); // several refused connections and backoffs
      pusher.push(new CatalogItem("Tux", 1.0, 1, 2));
      for (String toy : TOYS) {
        pusher.push(new CatalogItem(toy, 1.0, 1, 3));
      }
      Thread.sleep(300);
      try (Receiver receiver = new Receiver(29011, true)) {
        Map<String, List<Long>> delivered = receiver.awaitNewest(3);

        assertThat(delivered).containsOnlyKeys(TOYS);
        for (String toy : TOYS) {
          assertThat(delivered.get(toy)).as(toy).isSorted().doesNotHaveDuplicates().endsWith(3L);
        }
      }
    }
  }

  @Test
  void everyFrontendGetsEveryToysNewestVersionAndOneThatIsDownDelaysNoOther() throws Exception {
    try (Receiver up = new Receiver(29012, true);
        Receiver down = new Receiver(29013, false);
        InvalidationFanOut fanOut = new InvalidationFanOut(http,
            List.of("http://127.0.0.1:29012", "http://127.0.0.1:29013"), SECRET)) {
      for (String toy : TOYS) {
        fanOut.push(new CatalogItem(toy, 1.0, 1, 1));
      }

      assertThat(up.awaitNewest(1)).containsOnlyKeys(TOYS);
      assertThat(down.delivered()).isEmpty();

      down.ready.set(true);
      Map<String, List<Long>> late = down.awaitNewest(1);

      assertThat(late).containsOnlyKeys(TOYS);
      for (String toy : TOYS) {
        assertThat(late.get(toy)).as(toy).containsExactly(1L);
      }
    }
  }
}
