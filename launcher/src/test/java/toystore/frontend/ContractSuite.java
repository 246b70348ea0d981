package toystore.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toystore.client.JsonHttpClient;
import toystore.json.Json;
import toystore.supervisor.ClusterTestSupport;

/**
 * docs/API.md §1 against a real store: every route, status code and shape, as a client sees it. The
 * same assertions run on both engines ({@link ContractLabTest}, {@link ContractRaftTest}); only who
 * leads differs, and each subclass checks that in {@link #assertLeadership}.
 */
abstract class ContractSuite {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final OkHttpClient HTTP = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(15));

  private final ClusterTestSupport cluster;
  private String base;

  /** {@code cluster}: the subclass's store, registered as an extension on its static field. */
  ContractSuite(ClusterTestSupport cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void connect() {
    base = cluster.cluster().frontendUrl();
  }

  /** {@code /status}'s {@code leader}, {@code replication} and {@code leadership} for this engine (docs/API.md §1). */
  abstract void assertLeadership(Map<String, Object> status, List<Map<String, Object>> replicas);

  /** A reply: status and the parsed JSON body. */
  record Reply(int status, Map<String, Object> body, String contentType) {
    @SuppressWarnings("unchecked")
    Map<String, Object> data() {
      return (Map<String, Object>) body.get("data");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> dataList() {
      return (List<Map<String, Object>>) body.get("data");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> error() {
      return (Map<String, Object>) body.get("error");
    }
  }

  private Reply send(String method, String path, String body, Map<String, String> headers) throws IOException {
    Request.Builder request = new Request.Builder().url(base + path)
        .method(method, body == null ? (method.equals("GET") || method.equals("DELETE") ? null
            : RequestBody.create(new byte[0], JSON)) : RequestBody.create(body, JSON));
    headers.forEach(request::header);
    try (Response response = HTTP.newCall(request.build()).execute()) {
      String text = response.body().string();
      return new Reply(response.code(), Json.read(text, Map.class), response.header("Content-Type"));
    }
  }

  /**
   * {@code /status}, asked again (for at most 10 s) until it shows every replica UP: the frontend's view
   * comes from its probes, a round behind the replicas themselves. Whatever it shows last is returned.
   */
  @SuppressWarnings("unchecked")
  private Reply statusOnceEveryReplicaIsUp() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Reply reply = get("/status");
    while (System.nanoTime() < deadline && reply.status() == 200
        && !((List<Map<String, Object>>) reply.data().get("replicas")).stream().allMatch(r -> "UP".equals(r.get("state")))) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      reply = get("/status");
    }
    return reply;
  }

  private Reply get(String path) throws IOException {
    return send("GET", path, null, Map.of());
  }

  private Reply order(String body, String key) throws IOException {
    return send("POST", "/orders", body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  /** Jetty writes the parameter without the optional space; both spell the same media type. */
  private static void assertJson(String contentType) {
    assertThat(contentType.replace(" ", "")).isEqualToIgnoringCase("application/json;charset=utf-8");
  }

  private static void assertError(Reply reply, int status) {
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
    assertJson(reply.contentType());
    assertThat(reply.body()).containsOnlyKeys("error");
    assertThat(((Number) reply.error().get("code")).intValue()).isEqualTo(status);
    assertThat(reply.error().get("message")).isInstanceOf(String.class).asString().isNotBlank();
  }

  private int stock(String toy) throws IOException {
    return ((Number) get("/products/" + toy).data().get("quantity")).intValue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"whale", "Whale", "WHALE", "wHaLe"})
  void productQueriesIgnoreCaseAndAnswerTheCanonicalName(String name) throws IOException {
    Reply reply = get("/products/" + name);
    assertThat(reply.status()).isEqualTo(200);
    assertJson(reply.contentType());
    assertThat(reply.data()).containsOnlyKeys("name", "price", "quantity");
    assertThat(reply.data()).containsEntry("name", "Whale").containsEntry("price", 34.99);
  }

  @Test
  void everyDefaultToyIsThereAndUnknownOnesAre404() throws IOException {
    for (String toy : List.of("Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin", "Barbie", "Lego",
        "Frisbee", "Marbles", "Slinky", "Yo-Yo")) {
      assertThat(get("/products/" + toy).data()).containsEntry("name", toy);
    }
    Reply unknown = get("/products/Unicorn");
    assertError(unknown, 404);
    assertThat(unknown.error()).containsEntry("message", "product not found");
  }

  @Test
  void theListingHasEveryToyInTheCatalogsOrderAndLeavesTheCacheAlone() throws IOException {
    Map<?, ?> cacheBefore = (Map<?, ?>) get("/status").data().get("cache");
    Reply listing = get("/products");
    Map<?, ?> cacheAfter = (Map<?, ?>) get("/status").data().get("cache");

    assertThat(listing.status()).isEqualTo(200);
    assertJson(listing.contentType());
    assertThat(listing.dataList()).extracting(toy -> toy.get("name")).containsExactly("Tux", "Whale", "Elephant",
        "Fox", "Python", "Dolphin", "Barbie", "Lego", "Frisbee", "Marbles", "Slinky", "Yo-Yo");
    assertThat(listing.dataList()).allSatisfy(toy -> assertThat(toy).containsOnlyKeys("name", "price", "quantity"));
    assertThat(listing.dataList().get(1)).containsEntry("price", 34.99);
    for (String counter : List.of("hits", "misses", "size", "keys", "evictions")) {
      assertThat(cacheAfter.get(counter)).as(counter).isEqualTo(cacheBefore.get(counter));
    }
  }

  @Test
  void headAnswersWhatGetWouldWithoutABody() throws IOException {
    for (Map.Entry<String, Integer> route : Map.of("/products", 200, "/products/Whale", 200, "/products/Unicorn", 404,
        "/orders", 405, "/nothing/here", 404).entrySet()) {
      Request head = new Request.Builder().url(base + route.getKey()).head().build();
      try (Response response = HTTP.newCall(head).execute()) {
        assertThat(response.code()).as("HEAD %s", route.getKey()).isEqualTo(route.getValue());
        assertJson(response.header("Content-Type"));
        assertThat(response.body().bytes()).as("HEAD %s", route.getKey()).isEmpty();
      }
    }
  }

  @Test
  void anOrderDecrementsStockAndIsReadableWithTheCanonicalName() throws IOException {
    int before = stock("Elephant");
    Reply placed = order("{\"name\": \"elephant\", \"quantity\": 2, \"note\": \"unknown fields are ignored\"}", null);
    assertThat(placed.status()).isEqualTo(200);
    assertThat(placed.data()).containsOnlyKeys("order_number");
    long number = ((Number) placed.data().get("order_number")).longValue();
    assertThat(number).isPositive();
    assertThat(stock("Elephant")).isEqualTo(before - 2);

    Reply lookup = get("/orders/" + number);
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(lookup.data()).containsOnlyKeys("number", "name", "quantity")
        .containsEntry("name", "Elephant").containsEntry("quantity", 2.0);
    assertThat(((Number) lookup.data().get("number")).longValue()).isEqualTo(number);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":\"Fox\",\"quantity\":2.5}", "{\"name\":\"Fox\",\"quantity\":2.0}",
      "{\"name\":\"Fox\",\"quantity\":1e2}", "{\"name\":\"Fox\",\"quantity\":\"2\"}",
      "{\"name\":\"Fox\",\"quantity\":null}", "{\"name\":\"Fox\",\"quantity\":0}",
      "{\"name\":\"Fox\",\"quantity\":1000001}", "{\"name\":\"Fox\"}", "{\"quantity\":1}",
      "{\"name\":5,\"quantity\":1}", "not json", "{\"name\":\"Fox\",", "[]", ""})
  void malformedOrdersAre400AndBuyNothing(String body) throws IOException {
    int before = stock("Fox");
    assertError(order(body, null), 400);
    assertThat(stock("Fox")).isEqualTo(before);
  }

  @Test
  void unknownToyIs404AndTooLittleStockIs409WithNothingBought() throws IOException {
    assertError(order("{\"name\":\"Unicorn\",\"quantity\":1}", null), 404);
    int before = stock("Frisbee");
    assertError(order("{\"name\":\"Frisbee\",\"quantity\":1000000}", null), 409);
    assertThat(stock("Frisbee")).isEqualTo(before);
  }

  @Test
  void bodiesOver16KiBAre413() throws IOException {
    String padding = "x".repeat(17 * 1024);
    assertError(order("{\"name\":\"Fox\",\"quantity\":1,\"pad\":\"" + padding + "\"}", null), 413);
  }

  @Test
  void aChunkedOrderIsReadLikeAnyOther() throws IOException {
    int before = stock("Slinky");
    byte[] body = "{\"name\":\"slinky\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
    // A body of unknown length: OkHttp sends it chunked.
    RequestBody streamed = new RequestBody() {
      @Override
      public MediaType contentType() {
        return JSON;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws IOException {
        sink.write(body);
      }
    };
    try (Response response = HTTP.newCall(new Request.Builder().url(base + "/orders").post(streamed).build()).execute()) {
      assertThat(response.code()).as(response.body().string()).isEqualTo(200);
    }
    assertThat(stock("Slinky")).isEqualTo(before - 1);
  }

  @Test
  void anIdempotencyKeyBuysOnce() throws IOException {
    int before = stock("Marbles");
    Reply first = order("{\"name\":\"Marbles\",\"quantity\":3}", "contract-key-1");
    Reply again = order("{\"name\":\"marbles\",\"quantity\":3}", "contract-key-1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(again.data()).isEqualTo(first.data());
    assertThat(stock("Marbles")).isEqualTo(before - 3);

    assertError(order("{\"name\":\"Marbles\",\"quantity\":4}", "contract-key-1"), 422);
    assertError(order("{\"name\":\"Marbles\",\"quantity\":1}", "k".repeat(129)), 400);
    assertError(order("{\"name\":\"Marbles\",\"quantity\":1}", "tab\tkey"), 400);
    assertThat(stock("Marbles")).isEqualTo(before - 3);
  }

  @Test
  void orderNumbersAreValidatedAndUnknownOnesAre404() throws IOException {
    for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999", "%2B1")) {
      assertError(get("/orders/" + bad), 400);
    }
    assertError(get("/orders/0"), 404);
    assertError(get("/orders/9223372036854775807"), 404);
  }

  @Test
  void statusShowsReplicasCatalogAndCache() throws IOException {
    // Followers learn of a commit with the leader's next message (Raft's heartbeat is half an election
    // timeout), so just after an order they may still be SYNCING: the shape is checked at rest.
    cluster.awaitConvergence();
    get("/products/TUX");
    Reply reply = statusOnceEveryReplicaIsUp();
    assertThat(reply.status()).isEqualTo(200);
    Map<String, Object> data = reply.data();
    assertThat(data).containsOnlyKeys("leader", "replicas", "catalog", "cache", "replication", "leadership");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> replicas = (List<Map<String, Object>>) data.get("replicas");
    assertLeadership(data, replicas);
    assertThat(replicas).hasSize(3);
    assertThat(replicas).allSatisfy(r -> {
      assertThat(r).containsKeys("id", "url", "state", "role", "lastOrder");
      assertThat(r.get("state")).isEqualTo("UP");
    });
    assertThat(replicas.stream().filter(r -> "LEADER".equals(r.get("role")))).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> catalog = (Map<String, Object>) data.get("catalog");
    assertThat(catalog).containsEntry("state", "UP").containsKey("url");
    @SuppressWarnings("unchecked")
    Map<String, Object> cache = (Map<String, Object>) data.get("cache");
    assertThat(cache).containsKeys("enabled", "capacity", "size", "keys", "hits", "misses", "evictions",
        "invalidations");
    assertThat(cache.get("capacity")).isEqualTo(5.0);
    @SuppressWarnings("unchecked")
    List<String> keys = (List<String>) cache.get("keys");
    assertThat(keys).contains("Tux").doesNotContain("TUX", "tux");
  }

  @Test
  void healthUnknownRoutesAndWrongMethods() throws IOException {
    Reply health = get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.data()).containsEntry("status", "UP");
    assertError(get("/nothing/here"), 404);
    assertError(send("DELETE", "/products/Whale", null, Map.of()), 405);
    assertError(send("PUT", "/orders", "{}", Map.of()), 405);
    assertError(send("POST", "/status", "{}", Map.of()), 405);
  }

  @Test
  void jettysOwnErrorsAreJsonToo() throws IOException {
    assertRawError("GET /products/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400);
    assertRawError("GET /products/Whale HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
        + "\r\nConnection: close\r\n\r\n", 431);
  }

  private void assertRawError(String request, int status) throws IOException {
    int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reply).startsWith("HTTP/1.1 " + status);
      assertThat(reply).containsIgnoringCase("Content-Type: application/json");
      String body = reply.substring(reply.indexOf("\r\n\r\n") + 4);
      Map<?, ?> parsed = Json.read(body, Map.class);
      Map<?, ?> error = (Map<?, ?>) parsed.get("error");
      assertThat(((Number) error.get("code")).intValue()).isEqualTo(status);
      assertThat(reply).doesNotContain("<html", "Jetty", "Exception");
    }
  }

  @Test
  void withTheCatalogDownCachedProductsAreServedAndOthersAre503() throws IOException {
    get("/products/Python");
    @SuppressWarnings("unchecked")
    List<String> cachedNow = (List<String>) ((Map<?, ?>) get("/status").data().get("cache")).get("keys");
    String uncached = List.of("Tux", "Whale", "Elephant", "Fox", "Lego", "Frisbee", "Slinky").stream()
        .filter(toy -> !cachedNow.contains(toy)).findFirst().orElseThrow();
    cluster.agent().kill("catalog");
    try {
      Reply cached = get("/products/python");
      assertThat(cached.status()).isEqualTo(200);
      assertThat(cached.data()).containsEntry("name", "Python");
      assertError(get("/products/" + uncached), 503);
      assertError(get("/products"), 503);
      Map<?, ?> catalog = (Map<?, ?>) get("/status").data().get("catalog");
      assertThat(catalog.get("state")).isEqualTo("DOWN");
    } finally {
      cluster.agent().restart("catalog");
    }
    assertThat(get("/products/" + uncached).status()).isEqualTo(200);
  }
}
