package toystore.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.JsonHttpClient;
import toystore.http.Secrets;
import toystore.json.Json;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;

/**
 * Logs people can read later, from a real cluster's {@code <data-dir>/logs/<service>.log}: every
 * line has a time stamp, a level and the service's name; the lines about one order carry the
 * request id the frontend answered with, in the frontend's, the leader's and the catalog's log;
 * every reply carries an id; a client's id is taken only when it is sane; no secret is logged.
 */
class RequestIdLogTest {
  private static final MediaType JSON = MediaType.get("application/json");
  /** Time with date and offset, level, service, the request id when there is one, the logger, the message. */
  private static final String LINE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) "
      + "(TRACE|DEBUG|INFO |WARN |ERROR) %s (\\[[ -~]{1,64}\\] )?[\\w$.]+: .*";

  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);
  static OkHttpClient http;
  static String frontend;

  @BeforeAll
  static void start() throws IOException {
    http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(15));
    frontend = cluster.cluster().frontendUrl();
  }

  @Test
  void theLinesAboutOneOrderCarryItsIdInTheFrontendsTheLeadersAndTheCatalogsLog() throws IOException {
    ReplicaHealth leader = cluster.awaitLeader();
    String id = "order-trace-" + Secrets.newToken().substring(0, 12);
    Request order = new Request.Builder().url(frontend + "/orders").header("X-Request-Id", id)
        .post(RequestBody.create("{\"name\":\"Whale\",\"quantity\":2}", JSON)).build();
    long number;
    try (Response response = http.newCall(order).execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("X-Request-Id")).isEqualTo(id);
      Map<?, ?> reply = Json.read(response.body().string(), Map.class);
      number = ((Number) ((Map<?, ?>) reply.get("data")).get("order_number")).longValue();
    }

    String tag = "[" + id + "] ";
    assertThat(awaitLine("frontend", tag)).matches(line("frontend")).contains("order " + number + " placed: 2 x Whale");
    assertThat(awaitLine("order-" + leader.id(), tag)).matches(line("order-" + leader.id()))
        .contains("order " + number + " committed: 2 x Whale");
    assertThat(awaitLine("catalog", tag)).matches(line("catalog")).contains("sold 2 x Whale");
    // The followers took the order from the leader's replication, which is not that request's work.
    for (int replica : cluster.cluster().layout().replicaIds()) {
      if (replica != leader.id()) {
        assertThat(log("order-" + replica)).as("order-%d", replica).doesNotContain(id);
      }
    }
  }

  @Test
  void everyReplyCarriesAnIdAndAClientsIdIsTakenOnlyWhenSane() throws IOException {
    Pattern fresh = Pattern.compile("[0-9a-f]{16}");
    for (String path : List.of("/health", "/products/Unicorn", "/no/such/path")) {
      try (Response response = http.newCall(new Request.Builder().url(frontend + path).build()).execute()) {
        assertThat(response.header("X-Request-Id")).as(path).matches(fresh);
      }
    }
    try (Response response = http.newCall(new Request.Builder().url(frontend + "/orders").build()).execute()) {
      assertThat(response.code()).isEqualTo(405);
      assertThat(response.header("X-Request-Id")).matches(fresh);
    }
    String longest = "i".repeat(64);
    assertThat(replyId(Headers.of("X-Request-Id", longest))).isEqualTo(longest);
    assertThat(replyId(Headers.of("X-Request-Id", "with spaces ~ and {punctuation}")))
        .isEqualTo("with spaces ~ and {punctuation}");
    assertThat(replyId(Headers.of("X-Request-Id", "i".repeat(65)))).matches(fresh);
    assertThat(replyId(new Headers.Builder().addUnsafeNonAscii("X-Request-Id", "caf\u00e9").build())).matches(fresh);
    // Refused by Jetty before any route runs: still an id.
    assertThat(rawReply("GET /products/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").containsPattern("(?i)X-Request-Id: [0-9a-f]{16}\r\n");
  }

  @Test
  void everyLineOfEveryServicesLogHasATimeALevelAndTheServicesNameAndNoSecret() throws IOException {
    cluster.store().order("Tux", 1, null);
    List<String> services = new ArrayList<>(List.of("frontend", "catalog"));
    cluster.cluster().layout().replicaIds().forEach(id -> services.add("order-" + id));
    for (String service : services) {
      List<String> lines = log(service).lines().toList();
      assertThat(lines).as(service).isNotEmpty();
      assertThat(lines).as(service).allSatisfy(line -> assertThat(line).matches(line(service)));
      assertThat(log(service)).doesNotContain(cluster.config().clusterSecret(), cluster.config().adminToken());
    }
  }

  private static String replyId(Headers headers) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(frontend + "/health").headers(headers).build())
        .execute()) {
      return response.header("X-Request-Id");
    }
  }

  private static String rawReply(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", cluster.cluster().layout().frontendPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String line(String service) {
    return String.format(LINE, Pattern.quote(service));
  }

  private static String log(String service) throws IOException {
    return Files.readString(cluster.supervisor().logFile(service));
  }

  /** The first line of {@code service}'s log containing {@code text}, once it has been written. */
  private static String awaitLine(String service, String text) {
    String[] found = new String[1];
    Deadline.await(Duration.ofSeconds(10), service + "'s log to show " + text, () -> {
      try {
        found[0] = log(service).lines().filter(l -> l.contains(text)).findFirst().orElse(null);
      } catch (IOException e) {
        found[0] = null;
      }
      return found[0] != null;
    });
    return found[0];
  }
}
