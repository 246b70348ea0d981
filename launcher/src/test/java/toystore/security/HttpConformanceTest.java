package toystore.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.model.Audit;
import toystore.model.CacheStatus;
import toystore.model.Product;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.ClusterTestSupport;

/**
 * docs/API.md §1 "Everywhere" on the wire, against a real store: HEAD answers what GET would
 * without a body on every service, request bodies may come chunked (up to the same limits as with a
 * Content-Length), a percent-encoded spelling of a known path is that path, Spark's method override
 * is refused, and {@code GET /products} lists the catalog without touching the cache.
 */
class HttpConformanceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);
  static String clusterSecret;
  static ClusterLayout layout;

  @BeforeAll
  static void start() throws IOException {
    clusterSecret = cluster.config().clusterSecret();
    layout = cluster.cluster().layout();
  }

  /** One request on its own connection ({@code Connection: close}), read to EOF. */
  private static RawHttp.Reply send(int port, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Connection", "close");
    return RawHttp.send(port, RawHttp.request(method, target, all, body), TIMEOUT);
  }

  @Test
  void headOnEveryRouteAnswersWhatGetWouldWithoutABody() throws IOException {
    long order = cluster.store().order("Lego", 1, null);
    Map<String, Integer> frontend = new LinkedHashMap<>();
    frontend.put("/health", 200);
    frontend.put("/products", 200);
    frontend.put("/products/Whale", 200);
    frontend.put("/products/NoSuchToy", 404);
    frontend.put("/orders/" + order, 200);
    frontend.put("/orders/999999999", 404);
    frontend.put("/orders/abc", 400);
    frontend.put("/status", 200);
    frontend.put("/orders", 405);
    frontend.put("/internal/invalidate", 405);
    frontend.put("/no/such/path", 404);
    for (Map.Entry<String, Integer> route : frontend.entrySet()) {
      assertHeadMirrorsGet(layout.frontendPort(), route.getKey(), route.getValue());
    }
    // The other services too; a guarded route without the token is 401 for HEAD as for GET.
    assertHeadMirrorsGet(layout.catalogPort(), "/health", 200);
    assertHeadMirrorsGet(layout.catalogPort(), "/internal/products/Whale", 401);
    assertHeadMirrorsGet(layout.catalogPort(), "/internal/buy", 405);
    assertHeadMirrorsGet(layout.replicaPort(1), "/health", 200);
    assertHeadMirrorsGet(layout.replicaPort(1), "/internal/log", 401);
    assertHeadMirrorsGet(layout.agentPort(), "/health", 200);
    assertHeadMirrorsGet(layout.agentPort(), "/cluster", 401);
  }

  /** HEAD gets GET's status and headers (but the date and the request id) and not one byte after them. */
  private static void assertHeadMirrorsGet(int port, String target, int status) throws IOException {
    RawHttp.Reply get = send(port, "GET", target, Map.of(), null);
    // Read as if a body could follow, up to EOF: a body sent after a HEAD's headers would show here.
    RawHttp.Reply head = send(port, "HEAD", target, Map.of(), null);

    assertThat(get.status()).as("GET %s: %s", target, get.text()).isEqualTo(status);
    assertThat(head.status()).as("HEAD %s", target).isEqualTo(status);
    assertThat(head.body()).as("HEAD %s body", target).isEmpty();
    assertThat(withoutPerReplyHeaders(head.headers())).as("HEAD %s headers", target)
        .isEqualTo(withoutPerReplyHeaders(get.headers()));
    assertThat(head.isJson()).as("HEAD %s", target).isTrue();
  }

  private static Map<String, String> withoutPerReplyHeaders(Map<String, String> headers) {
    Map<String, String> rest = new HashMap<>(headers);
    rest.remove("date");
    rest.remove("x-request-id");
    return rest;
  }

  @Test
  void chunkedBodiesUpTo16KiBAreReadAndLargerOnesAre413() throws IOException {
    long lego = stock("Lego");
    RawHttp.Reply small = sendChunked(layout.frontendPort(), "/orders", Map.of(), orderOfSize("Lego", 1024), 100);
    assertThat(small.status()).as(small.text()).isEqualTo(200);
    long number = ((Number) ((Map<?, ?>) small.data()).get("order_number")).longValue();
    assertThat(cluster.store().lookup(number).name()).isEqualTo("Lego");
    assertThat(stock("Lego")).isEqualTo(lego - 1);

    RawHttp.Reply large = sendChunked(layout.frontendPort(), "/orders", Map.of(), orderOfSize("Lego", 20 * 1024), 1000);
    assertThat(large.status()).as(large.text()).isEqualTo(413);
    assertThat(large.isErrorShape()).as(large.text()).isTrue();
    assertThat(stock("Lego")).isEqualTo(lego - 1);

    // As with a Content-Length: 8 MiB for a caller with the service's token, 16 KiB for anyone else.
    byte[] junk = new byte[20 * 1024];
    RawHttp.Reply anonymous = sendChunked(layout.replicaPort(1), "/internal/append", Map.of(), junk, 4096);
    RawHttp.Reply trusted = sendChunked(layout.replicaPort(1), "/internal/append",
        Map.of("Authorization", "Bearer " + clusterSecret), junk, 4096);
    assertThat(anonymous.status()).as(anonymous.text()).isEqualTo(413);
    assertThat(trusted.status()).as("read whole, then refused as JSON: %s", trusted.text()).isEqualTo(400);
    assertThat(trusted.errorMessage()).isEqualTo("malformed request body");
  }

  /** An order for one {@code toy}, padded with an unknown member to exactly {@code size} bytes. */
  private static byte[] orderOfSize(String toy, int size) {
    String head = "{\"name\":\"" + toy + "\",\"quantity\":1,\"pad\":\"";
    String tail = "\"}";
    return (head + "p".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }

  private static RawHttp.Reply sendChunked(int port, String target, Map<String, String> headers, byte[] body, int chunk)
      throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
    headers.forEach((name, value) -> request.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    for (int at = 0; at < body.length; at += chunk) {
      int length = Math.min(chunk, body.length - at);
      request.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.write(body, at, length);
      request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return RawHttp.send(port, request.toByteArray(), TIMEOUT);
  }

  @Test
  void aPercentEncodedSpellingOfAKnownPathIsThatPath() throws IOException {
    long fox = stock("Fox");
    RawHttp.Reply placed = send(layout.frontendPort(), "POST", "/%6Frders", Map.of("Content-Type", "application/json"),
        "{\"name\":\"Fox\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(placed.status()).as(placed.text()).isEqualTo(200);
    assertThat(stock("Fox")).isEqualTo(fox - 1);

    RawHttp.Reply product = send(layout.frontendPort(), "GET", "/%70roducts/Wh%61le", Map.of(), null);
    assertThat(product.status()).as(product.text()).isEqualTo(200);
    assertThat(((Map<?, ?>) product.data()).get("name")).isEqualTo("Whale");
    assertThat(send(layout.frontendPort(), "GET", "/%73tatus", Map.of(), null).status()).isEqualTo(200);
    assertThat(send(layout.frontendPort(), "HEAD", "/%68ealth", Map.of(), null).status()).isEqualTo(200);
    // An escaped slash is part of a segment, not a separator: this is one unknown path.
    assertThat(send(layout.frontendPort(), "GET", "/products%2FWhale", Map.of(), null).status()).isEqualTo(404);
    // A guarded route keeps its guard under every spelling.
    assertThat(send(layout.catalogPort(), "GET", "/%69nternal/ledger", Map.of(), null).status()).isEqualTo(401);
  }

  /**
   * Jetty leaves "." and ".." in the raw path, and a product name became a segment of the frontend's
   * own call to the catalog (with the cluster secret), where ".." walked up to another route.
   */
  @Test
  void dotSegmentsAreRefusedAndNeverReachAnInternalCall() throws IOException {
    for (String target : List.of("/products/..", "/products/.", "/products/%2e%2e", "/orders/..")) {
      RawHttp.Reply reply = send(layout.frontendPort(), "GET", target, Map.of(), null);
      assertThat(reply.status()).as("%s: %s", target, reply.text()).isEqualTo(400);
      assertThat(reply.isErrorShape()).as(reply.text()).isTrue();
    }
    RawHttp.Reply escaped = send(layout.frontendPort(), "GET", "/products/%2E%2E", Map.of(), null);
    assertThat(escaped.status()).as(escaped.text()).isIn(400, 404);
  }

  @Test
  void theMethodOverrideHeaderIsRefusedAndRunsNothing() throws IOException {
    long dolphin = stock("Dolphin");
    RawHttp.Reply overridden = send(layout.frontendPort(), "GET", "/orders",
        Map.of("X-HTTP-Method-Override", "POST", "Content-Type", "application/json"),
        "{\"name\":\"Dolphin\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
    RawHttp.Reply onTheAgent = send(layout.agentPort(), "GET", "/health", Map.of("X-HTTP-Method-Override", "GET"), null);

    for (RawHttp.Reply reply : List.of(overridden, onTheAgent)) {
      assertThat(reply.status()).as(reply.text()).isEqualTo(400);
      assertThat(reply.isErrorShape()).as(reply.text()).isTrue();
      assertThat(reply.errorMessage()).contains("X-HTTP-Method-Override");
    }
    assertThat(stock("Dolphin")).isEqualTo(dolphin);
  }

  @Test
  void getProductsListsEveryToyInTheCatalogsOrderWithoutTouchingTheCache() throws IOException {
    cluster.store().product("Tux");
    CacheStatus before = cluster.store().status().cache();
    List<Product> listed = cluster.store().products();
    CacheStatus after = cluster.store().status().cache();
    List<Audit.Toy> ledger = cluster.agent().stock();

    assertThat(listed).extracting(Product::name).containsExactlyElementsOf(ledger.stream().map(Audit.Toy::name).toList());
    assertThat(listed).hasSize(12);
    for (int i = 0; i < listed.size(); i++) {
      assertThat(listed.get(i).price()).isEqualTo(ledger.get(i).price());
      assertThat((long) listed.get(i).quantity()).as(listed.get(i).name()).isEqualTo(ledger.get(i).quantity());
    }
    // Invalidations may still be arriving for earlier orders; nothing else may move.
    assertThat(List.of(after.hits(), after.misses(), after.evictions(), after.size()))
        .isEqualTo(List.of(before.hits(), before.misses(), before.evictions(), before.size()));
    assertThat(after.keys()).isEqualTo(before.keys());
    RawHttp.Reply raw = send(layout.frontendPort(), "GET", "/products", Map.of(), null);
    assertThat(raw.data()).asInstanceOf(InstanceOfAssertFactories.LIST)
        .allSatisfy(toy -> assertThat(((Map<?, ?>) toy).keySet()).isEqualTo(Set.of("name", "price", "quantity")));
  }

  /** The stock of {@code toy} as the catalog has it (not through the cache, so the test does not move its counters). */
  private static long stock(String toy) throws IOException {
    return cluster.agent().stock().stream().filter(t -> t.name().equals(toy)).findFirst().orElseThrow().quantity();
  }
}
