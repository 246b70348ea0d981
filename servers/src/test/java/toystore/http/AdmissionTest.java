package toystore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.catalog.CatalogService;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.config.Replication;
import toystore.frontend.FrontendService;
import toystore.order.OrderService;

/** The in-flight limit over real sockets: it refuses limited routes only, never health or protocol. */
class AdmissionTest {
  private static final String SECRET = "admission-secret";
  private static final int THREADS = 16;
  private static final int LIMIT = THREADS / 2;
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(20));

  @Test
  void withEverySlotTakenHealthAndProtocolStillAnswerWhileClientWorkGetsAFast503() throws Exception {
    Semaphore entered = new Semaphore(0);
    CountDownLatch release = new CountDownLatch(1);
    JsonServer server = new JsonServer("admission", "127.0.0.1", 29001, THREADS,
        JsonServer.Guard.internalRoutes(SECRET), JsonServer.Admission.limiting("/slow", "/internal/orders"),
        new PrometheusRegistry())
        .get("/health", (req, res) -> Map.of("status", "UP"))
        .get("/slow", (req, res) -> {
          entered.release();
          return release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS) ? "done" : "not released";
        })
        .post("/internal/orders", (req, res) -> "ordered")
        .post("/internal/append", (req, res) -> "appended")
        .start();
    JsonHttpClient client = new JsonHttpClient(http, "http://127.0.0.1:" + server.port(), SECRET);
    ExecutorService callers = Executors.newFixedThreadPool(LIMIT);
    try {
      List<Future<String>> slow = new ArrayList<>();
      for (int i = 0; i < LIMIT; i++) {
        slow.add(callers.submit(() -> client.<String>get(List.of("slow"), String.class)));
      }
      assertThat(entered.tryAcquire(LIMIT, WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .as("all %d slow requests are being handled", LIMIT).isTrue();

      assertThat(client.<Map<String, Object>>get(List.of("health"), Map.class)).containsEntry("status", "UP");
      assertThat(client.<String>post(List.of("internal", "append"), Map.of(), String.class)).isEqualTo("appended");
      // Metrics are not client work either: a scrape under overload shows the overload.
      try (Response metrics = http.newCall(new Request.Builder()
          .url("http://127.0.0.1:" + server.port() + JsonServer.METRICS_PATH).build()).execute()) {
        assertThat(metrics.code()).isEqualTo(200);
        assertThat(metrics.body().string()).contains("toystore_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 1");
      }
      assertThatThrownBy(() -> client.post(List.of("internal", "orders"), Map.of(), String.class))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).isEqualTo("overloaded; retry shortly");
          });

      release.countDown();
      for (Future<String> call : slow) {
        assertThat(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("done");
      }
      assertThat(client.<String>post(List.of("internal", "orders"), Map.of(), String.class))
          .as("the slots are free again").isEqualTo("ordered");
    } finally {
      release.countDown();
      callers.shutdownNow();
      server.stop();
    }
  }

  @Test
  void aLimitedPathThatIsNoRouteStopsTheServerFromStarting() {
    JsonServer server = new JsonServer("misspelt", "127.0.0.1", 29002, THREADS,
        JsonServer.Guard.internalRoutes(SECRET), JsonServer.Admission.limiting("/internal/order"),
        new PrometheusRegistry())
        .post("/internal/orders", (req, res) -> "ordered");
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("/internal/order");
  }

  @Test
  void eachServiceLimitsOnlyTheClientsWork() throws Exception {
    List<ReplicaAddress> replicas = List.of(new ReplicaAddress(1, "http://127.0.0.1:1"));
    try (CatalogService catalog = new CatalogService(new CatalogService.Config("127.0.0.1", 0, dir,
            List.of("http://127.0.0.1:1"), Duration.ofHours(1), SECRET), http);
        FrontendService frontend = new FrontendService(new FrontendService.Config("127.0.0.1", 0, dir,
            "http://127.0.0.1:1", replicas, true, 5, Duration.ofSeconds(1), SECRET, Replication.LAB), http);
        OrderService order = new OrderService(new OrderService.Config("127.0.0.1", 0, dir, 1, replicas,
            "http://127.0.0.1:1", SECRET), http)) {
      assertThat(limited(catalog.routes())).containsExactlyInAnyOrder(
          "GET /internal/products", "GET /internal/products/:name", "POST /internal/buy");
      assertThat(limited(frontend.routes())).containsExactlyInAnyOrder(
          "GET /products", "GET /products/:name", "POST /orders", "GET /orders/:number", "GET /status");
      assertThat(limited(order.routes())).containsExactlyInAnyOrder(
          "POST /internal/orders", "GET /internal/orders/:number");
    }
  }

  private static List<String> limited(List<JsonServer.Route> routes) {
    return routes.stream().filter(JsonServer.Route::limited).map(r -> r.method() + " " + r.path())
        .collect(Collectors.toList());
  }
}
