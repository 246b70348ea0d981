package toystore.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import toystore.catalog.CatalogService;
import toystore.client.ReplicaAddress;
import toystore.config.Replication;
import toystore.frontend.FrontendService;
import toystore.http.JsonServer;
import toystore.http.Secrets;
import toystore.model.ServiceInfo;
import toystore.order.OrderService;
import toystore.service.ServiceProcess;
import toystore.supervisor.AgentServer;
import toystore.supervisor.ClusterTestSupport;

/**
 * Every guarded route of every service and of the agent, called without the secret, with a wrong
 * one, with a valid secret of another store, with the other plane's secret (admin token on a
 * service, cluster secret on the agent), under other spellings of its path (a doubled slash, a
 * percent-encoded letter), and as HEAD for a GET route: each gets 401, and nothing changes. The
 * list of routes is checked against the routes the services register, so a new route the test
 * does not know fails it.
 */
class InternalRoutesAuthTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);
  static String clusterSecret;
  static String adminToken;

  /** A guarded route, how the test calls it, and a body that would change something if it got through. */
  record Call(String kind, String method, String route, String target, String body) {
    @Override
    public String toString() {
      return kind + " " + method + " " + target;
    }
  }

  static final List<Call> GUARDED = List.of(
      new Call("catalog", "GET", "/internal/products", "/internal/products", null),
      new Call("catalog", "GET", "/internal/products/:name", "/internal/products/Whale", null),
      new Call("catalog", "POST", "/internal/buy", "/internal/buy",
          "{\"items\":[{\"purchase\":{\"name\":\"Whale\",\"quantity\":5,\"key\":\"client:intruder\",\"epoch\":1000000}}]}"),
      new Call("catalog", "GET", "/internal/ledger", "/internal/ledger", null),
      new Call("catalog", "GET", "/internal/purchases/unsettled", "/internal/purchases/unsettled?olderThanMs=0", null),
      new Call("catalog", "POST", "/internal/purchases/settle", "/internal/purchases/settle",
          "{\"epoch\":1000000,\"boughtBeforeMillis\":9000000000000,\"ordered\":[],\"orphaned\":[\"client:auth-setup\"]}"),
      new Call("catalog", "POST", "/internal/epoch", "/internal/epoch", "{\"epoch\":1000000}"),
      new Call("frontend", "POST", "/internal/invalidate", "/internal/invalidate", "{\"invalidations\":[{\"name\":\"Whale\",\"version\":1000000}]}"),
      new Call("order", "POST", "/internal/lead", "/internal/lead", "{\"epoch\":1000000}"),
      new Call("order", "POST", "/internal/join", "/internal/join", "{\"epoch\":1000000,\"leader\":1}"),
      new Call("order", "POST", "/internal/append", "/internal/append",
          "{\"epoch\":1000000,\"leader\":1,\"from\":1,\"entries\":[{\"number\":1,\"name\":\"Tux\",\"quantity\":9,"
              + "\"key\":\"client:intruder\",\"epoch\":1000000}],\"commitNumber\":1}"),
      new Call("order", "POST", "/internal/orders", "/internal/orders", "{\"name\":\"Whale\",\"quantity\":1,\"key\":\"client:intruder\"}"),
      new Call("order", "GET", "/internal/log", "/internal/log?from=1", null),
      new Call("order", "GET", "/internal/view-changes", "/internal/view-changes", null),
      new Call("order", "GET", "/internal/orders/:number", "/internal/orders/1", null),
      new Call("agent", "GET", "/cluster", "/cluster", null),
      new Call("agent", "GET", "/audit", "/audit", null),
      new Call("agent", "GET", "/stock", "/stock", null),
      new Call("agent", "GET", "/services/:name/log", "/services/order-1/log", null),
      new Call("agent", "GET", "/services/:name/view-changes", "/services/order-1/view-changes", null),
      new Call("agent", "POST", "/services/:name/kill", "/services/order-1/kill", null),
      new Call("agent", "POST", "/services/:name/restart", "/services/catalog/restart", null),
      new Call("agent", "POST", "/chaos/kill-leader", "/chaos/kill-leader", null),
      new Call("agent", "POST", "/chaos/pause-leader", "/chaos/pause-leader", null),
      new Call("agent", "POST", "/services/:name/pause", "/services/order-1/pause", null),
      new Call("agent", "POST", "/services/:name/resume", "/services/order-1/resume", null),
      new Call("agent", "POST", "/services/:name/disk-full", "/services/order-1/disk-full", null),
      new Call("agent", "DELETE", "/services/:name/disk-full", "/services/order-1/disk-full", null),
      new Call("agent", "POST", "/partitions", "/partitions", "{\"groups\":[[\"order-3\"],[\"order-1\",\"order-2\"]]}"),
      new Call("agent", "GET", "/partitions", "/partitions", null),
      new Call("agent", "DELETE", "/partitions/:id", "/partitions/p1", null),
      new Call("agent", "DELETE", "/partitions", "/partitions", null),
      new Call("agent", "POST", "/chaos/isolate-leader", "/chaos/isolate-leader", null),
      new Call("agent", "POST", "/chaos/cut-leader-off", "/chaos/cut-leader-off", null));

  /** Routes anyone may call. */
  static final Map<String, Set<String>> OPEN = Map.of(
      "frontend", Set.of("GET /metrics", "GET /health", "GET /products", "GET /products/:name", "POST /orders",
          "GET /orders/:number", "GET /status"),
      "catalog", Set.of("GET /metrics", "GET /health"),
      "order", Set.of("GET /metrics", "GET /health"),
      "agent", Set.of("GET /metrics", "GET /health"));

  @BeforeAll
  static void start() throws IOException {
    clusterSecret = cluster.config().clusterSecret();
    adminToken = cluster.config().adminToken();
    // Something for the order and purchase routes to read or disturb.
    cluster.store().order("Whale", 1, "auth-setup");
  }

  @Test
  void theTestKnowsEveryRouteOfEveryServiceAndWhichAreGuarded() throws Exception {
    Map<String, List<JsonServer.Route>> registered = registeredRoutes();

    for (String kind : OPEN.keySet()) {
      Set<String> guarded = registered.get(kind).stream().filter(JsonServer.Route::guarded)
          .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
      Set<String> open = registered.get(kind).stream().filter(r -> !r.guarded())
          .map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
      assertThat(guarded).as("guarded routes of the %s", kind).isEqualTo(GUARDED.stream()
          .filter(c -> c.kind().equals(kind)).map(c -> c.method() + " " + c.route()).collect(Collectors.toSet()));
      assertThat(open).as("open routes of the %s", kind).isEqualTo(OPEN.get(kind));
    }
  }

  /** Each service built in this JVM (never started) just to read the routes it registers. */
  private static Map<String, List<JsonServer.Route>> registeredRoutes() throws Exception {
    OkHttpClient http = ServiceProcess.internalHttp(Optional.empty());
    Path routesDir = Files.createDirectories(dir.resolve("routes"));
    List<ReplicaAddress> replicas = List.of(new ReplicaAddress(1, "http://127.0.0.1:1"));
    Map<String, List<JsonServer.Route>> routes = new LinkedHashMap<>();
    try (CatalogService catalog = new CatalogService(new CatalogService.Config("127.0.0.1", 0, routesDir,
        List.of("http://127.0.0.1:1"), Duration.ofHours(1), "secret"), http)) {
      routes.put("catalog", catalog.routes());
    }
    try (FrontendService frontend = new FrontendService(new FrontendService.Config("127.0.0.1", 0, routesDir,
        "http://127.0.0.1:1", replicas, true, 5, Duration.ofSeconds(1), "secret", Replication.LAB), http)) {
      routes.put("frontend", frontend.routes());
    }
    try (OrderService order = new OrderService(new OrderService.Config("127.0.0.1", 0, routesDir, 1, replicas,
        "http://127.0.0.1:1", "secret"), http)) {
      routes.put("order", order.routes());
    }
    try (AgentServer agent = new AgentServer(cluster.supervisor(), null, cluster.cluster().partitions(), "127.0.0.1", 0, "token",
        new PrometheusRegistry())) {
      routes.put("agent", agent.routes());
    }
    return routes;
  }

  @Test
  void everyGuardedRouteRefusesEveryWrongSecretUnderEverySpellingAndChangesNothing() throws IOException {
    StoreState before = StoreState.capture(cluster);
    assertThat(before.healthy()).as(before.toString()).isTrue();
    List<String> failures = new ArrayList<>();
    int requests = 0;

    for (Call call : GUARDED) {
      for (int port : ports(call.kind())) {
        for (Map.Entry<String, String> credential : wrongCredentials(call.kind()).entrySet()) {
          for (String target : spellings(call.target())) {
            // A GET route answers HEAD too, behind the same guard.
            for (String method : call.method().equals("GET") ? List.of("GET", "HEAD") : List.of(call.method())) {
              Map<String, String> headers = new LinkedHashMap<>();
              if (credential.getValue() != null) {
                headers.put("Authorization", credential.getValue());
              }
              headers.put("Content-Type", "application/json");
              boolean head = method.equals("HEAD");
              RawHttp.Reply reply = RawHttp.send(port, RawHttp.request(method, target, headers,
                  call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8)), TIMEOUT, head);
              requests++;
              if (reply.status() != 401 || !(head || reply.isErrorShape()) || leaks(reply.text())) {
                failures.add(method + " " + call + " on :" + port + " as " + target + " with " + credential.getKey()
                    + " → " + reply.status() + " " + reply.text());
              }
            }
          }
        }
      }
    }

    assertThat(failures).as("%d requests", requests).isEmpty();
    StoreState after = StoreState.capture(cluster);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void theRightSecretOpensTheSameRoutesUnderTheSameSpellings() throws IOException {
    // Without this, the 401s above could come from a route the test never reached.
    for (Call call : List.of(guarded("catalog", "/internal/ledger"), guarded("order", "/internal/log"),
        guarded("agent", "/cluster"))) {
      String secret = call.kind().equals("agent") ? adminToken : clusterSecret;
      for (String target : spellings(call.target())) {
        RawHttp.Reply reply = RawHttp.send(ports(call.kind()).get(0),
            RawHttp.request(call.method(), target, Map.of("Authorization", "Bearer " + secret), null), TIMEOUT);
        assertThat(reply.status()).as(call + " as " + target + ": " + reply.text()).isEqualTo(200);
        assertThat(leaks(reply.text())).isFalse();
      }
    }
  }

  @Test
  void theSecretsAppearInNoLogNoFileNoCommandLineAndNoPublicReply() throws IOException {
    Path data = cluster.dataDir();
    List<String> leaking = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.equals(cluster.cluster().tokenFile()) && leaks(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))) {
          leaking.add(file.toString());
        }
      }
    }
    for (ServiceInfo service : cluster.agent().services()) {
      String commandLine = Files.readString(Path.of("/proc", Long.toString(service.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
      assertThat(commandLine).as(service.name()).contains("toystore.");
      if (leaks(commandLine)) {
        leaking.add("command line of " + service.name());
      }
    }
    for (ServiceInfo service : cluster.agent().services()) {
      int port = Integer.parseInt(service.url().substring(service.url().lastIndexOf(':') + 1));
      for (String path : List.of("/health", "/status", "/internal/ledger", "/metrics")) {
        RawHttp.Reply reply = RawHttp.send(port, RawHttp.request("GET", path, Map.of(), null), TIMEOUT);
        if (leaks(reply.text()) || reply.headers().values().stream().anyMatch(InternalRoutesAuthTest::leaks)) {
          leaking.add("reply of " + service.name() + " to GET " + path);
        }
      }
    }

    assertThat(leaking).isEmpty();
    assertThat(Files.readString(cluster.cluster().tokenFile()).strip()).isEqualTo(adminToken);
  }

  private static Call guarded(String kind, String route) {
    return GUARDED.stream().filter(c -> c.kind().equals(kind) && c.route().equals(route)).findFirst().orElseThrow();
  }

  private static boolean leaks(String text) {
    return text.contains(clusterSecret) || text.contains(adminToken);
  }

  private static List<Integer> ports(String kind) {
    var layout = cluster.cluster().layout();
    return switch (kind) {
      case "catalog" -> List.of(layout.catalogPort());
      case "frontend" -> List.of(layout.frontendPort());
      case "order" -> layout.replicaIds().stream().map(layout::replicaPort).toList();
      case "agent" -> List.of(layout.agentPort());
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Authorization headers that must not open a route of {@code kind}; null means none at all. */
  private static Map<String, String> wrongCredentials(String kind) {
    String right = kind.equals("agent") ? adminToken : clusterSecret;
    String otherPlane = kind.equals("agent") ? clusterSecret : adminToken;
    Map<String, String> wrong = new LinkedHashMap<>();
    wrong.put("no header", null);
    wrong.put("a wrong secret", "Bearer wrong");
    wrong.put("an empty secret", "Bearer ");
    wrong.put("another store's secret", "Bearer " + Secrets.newToken());
    wrong.put("the other plane's secret", "Bearer " + otherPlane);
    wrong.put("a prefix of the secret", "Bearer " + right.substring(0, right.length() - 1));
    wrong.put("the secret and more", "Bearer " + right + "0");
    wrong.put("the secret without the scheme", right);
    wrong.put("the secret as Basic", "Basic " + right);
    return wrong;
  }

  /** The path as called, with a doubled slash, and with its first letter percent-encoded. */
  private static List<String> spellings(String target) {
    return List.of(target, "/" + target,
        "/%" + Integer.toHexString(target.charAt(1)) + target.substring(2));
  }
}
