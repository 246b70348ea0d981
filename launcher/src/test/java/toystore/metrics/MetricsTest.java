package toystore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;

/**
 * {@code GET /metrics} on every service of a real store and on its agent (docs/OPERATIONS.md):
 * no token, the text format whatever the {@code Accept}, strictly parsed, the named metrics there,
 * and the figures moving after one order.
 */
class MetricsTest {
  private static final String TEXT_FORMAT = "text/plain; version=0.0.4";
  private static final String ORDER_KEY = "metrics-test-key-7f3a";

  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  private static ClusterLayout layout() {
    return cluster.cluster().layout();
  }

  /** Every service's and the agent's port, by name. */
  private static Map<String, Integer> ports() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("agent", layout().agentPort());
    ports.put("frontend", layout().frontendPort());
    ports.put("catalog", layout().catalogPort());
    layout().replicaIds().forEach(id -> ports.put("order-" + id, layout().replicaPort(id)));
    return ports;
  }

  /** The raw reply to {@code GET /metrics}, no token, with this {@code Accept} (null: none). */
  private static Scraped fetch(int port, String accept) throws IOException {
    Request.Builder request = new Request.Builder().url("http://127.0.0.1:" + port + "/metrics");
    if (accept != null) {
      request.header("Accept", accept);
    }
    try (Response response = cluster.http().newCall(request.build()).execute(); ResponseBody body = response.body()) {
      return new Scraped(response.code(), String.valueOf(response.header("Content-Type")), body.string());
    }
  }

  private record Scraped(int status, String contentType, String text) {}

  private static Exposition scrape(int port) throws IOException {
    Scraped scraped = fetch(port, null);
    assertThat(scraped.status()).as(scraped.text()).isEqualTo(200);
    return Exposition.parse(scraped.text());
  }

  @Test
  void everyServiceAndTheAgentAnswerInTheTextFormatWhateverTheAcceptHeaderAndWithoutAToken() throws IOException {
    List<String> accepts = new ArrayList<>();
    accepts.add(null);
    accepts.addAll(List.of("application/openmetrics-text; version=1.0.0; charset=utf-8", "application/json",
        "*/*", "text/html;q=0.9", "garbage;;;=", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily"));
    for (Map.Entry<String, Integer> service : ports().entrySet()) {
      for (String accept : accepts) {
        Scraped scraped = fetch(service.getValue(), accept);
        String what = service.getKey() + " with Accept " + accept;
        assertThat(scraped.status()).as(what).isEqualTo(200);
        assertThat(scraped.contentType().replace(" ", "")).as(what).startsWith(TEXT_FORMAT.replace(" ", ""));
        Exposition parsed = Exposition.parse(scraped.text());
        if (accept != null) {
          // A family shows once it has a series; the first scrape (Accept: none) has given it one.
          assertThat(parsed.type("toystore_http_requests_total")).as(what).isEqualTo("counter");
          assertThat(parsed.type("toystore_http_request_duration_seconds")).as(what).isEqualTo("histogram");
          assertThat(parsed.value("toystore_http_requests_total", "method", "GET", "route", "/metrics", "status", "200"))
              .as(what).isGreaterThanOrEqualTo(1);
        }
      }
    }
  }

  @Test
  void eachServiceHasItsNamedMetrics() throws IOException {
    Exposition frontend = scrape(layout().frontendPort());
    for (String counter : List.of("toystore_cache_hits_total", "toystore_cache_misses_total",
        "toystore_cache_evictions_total", "toystore_cache_invalidations_total")) {
      assertThat(frontend.type(counter)).as(counter).isEqualTo("counter");
    }
    assertThat(frontend.value("toystore_cache_capacity_entries")).isEqualTo(5.0);
    assertThat(frontend.value("toystore_cache_size_entries")).isNotNull();
    assertThat(frontend.value("toystore_cache_enabled")).isEqualTo(1.0);
    assertThat(frontend.type("toystore_frontend_order_stage_seconds")).isEqualTo("histogram");
    ReplicaHealth leader = cluster.awaitLeader();
    assertThat(frontend.value("toystore_frontend_leader_id")).isEqualTo((double) leader.id());
    assertThat(frontend.series("toystore_frontend_replica_up")).hasSize(3).allSatisfy((labels, up) -> assertThat(up).isEqualTo(1.0));

    Exposition catalog = scrape(layout().catalogPort());
    Map<Map<String, String>, Double> stock = catalog.series("toystore_catalog_stock_items");
    assertThat(stock).hasSize(12).containsKey(Map.of("toy", "Whale")).containsKey(Map.of("toy", "Yo-Yo"));
    assertThat(catalog.type("toystore_catalog_purchase_batch_size_purchases")).isEqualTo("histogram");
    // The leader fences the catalog in the background as it takes office.
    Deadline.await(Duration.ofSeconds(5), "the catalog to report epoch " + leader.epoch(), () ->
        scrapeQuietly(layout().catalogPort()).value("toystore_catalog_epoch") == leader.epoch());

    for (int id : layout().replicaIds()) {
      Exposition replica = scrape(layout().replicaPort(id));
      String role = id == leader.id() ? "leader" : "follower";
      assertThat(replica.series("toystore_replica_role")).as("order-%d", id).containsOnly(
          Map.entry(Map.of("role", "leader"), role.equals("leader") ? 1.0 : 0.0),
          Map.entry(Map.of("role", "follower"), role.equals("follower") ? 1.0 : 0.0),
          Map.entry(Map.of("role", "none"), 0.0));
      assertThat(replica.value("toystore_replica_epoch")).isEqualTo((double) leader.epoch());
      assertThat(replica.value("toystore_replica_commit_number")).isNotNull();
      assertThat(replica.value("toystore_replica_last_number")).isNotNull();
      assertThat(replica.value("toystore_replica_disk_fault")).isEqualTo(0.0);
      assertThat(replica.value("toystore_replica_quorum")).isEqualTo(1.0);
      assertThat(replica.type("toystore_replica_batch_size_orders")).isEqualTo("histogram");
      assertThat(replica.type("toystore_replica_batch_write_seconds")).isEqualTo("histogram");
      assertThat(replica.type("toystore_replica_order_stage_seconds")).isEqualTo("histogram");
      if (role.equals("leader")) {
        assertThat(replica.series("toystore_replica_follower_lag_orders").keySet()).containsExactlyInAnyOrderElementsOf(
            layout().replicaIds().stream().filter(other -> other != id).map(other -> Map.of("follower", "" + other)).toList());
      } else {
        assertThat(replica.series("toystore_replica_follower_lag_orders")).isEmpty();
        assertThat(replica.value("toystore_replica_lag_orders")).isNotNull();
      }
    }

    Exposition agent = scrape(layout().agentPort());
    for (String service : List.of("catalog", "order-1", "order-2", "order-3", "frontend")) {
      for (String counter : List.of("toystore_supervisor_kills_total", "toystore_supervisor_restarts_total",
          "toystore_supervisor_pauses_total")) {
        assertThat(agent.value(counter, "service", service)).as("%s of %s", counter, service).isNotNull();
      }
      assertThat(agent.value("toystore_supervisor_service_running", "service", service)).isEqualTo(1.0);
      assertThat(agent.value("toystore_supervisor_service_paused", "service", service)).isEqualTo(0.0);
    }
    assertThat(agent.type("toystore_supervisor_partitions_total")).isEqualTo("counter");
    assertThat(agent.value("toystore_supervisor_partitions_active")).isEqualTo(0.0);
  }

  @Test
  void oneOrderMovesTheRequestCountersTheCommitNumberTheBatchesAndTheStock() throws IOException {
    ReplicaHealth leader = cluster.awaitLeader();
    cluster.awaitConvergence();
    int leaderPort = layout().replicaPort(leader.id());
    Exposition frontendBefore = scrape(layout().frontendPort());
    Exposition leaderBefore = scrape(leaderPort);
    Exposition catalogBefore = scrape(layout().catalogPort());

    long number = cluster.store().order("Whale", 1, ORDER_KEY);
    cluster.store().lookup(number);
    cluster.store().product("Tux");
    cluster.store().product("Tux");

    Exposition frontend = scrape(layout().frontendPort());
    assertThat(frontend.count("toystore_http_requests_total", "method", "POST", "route", "/orders", "status", "200"))
        .isEqualTo(frontendBefore.count("toystore_http_requests_total", "method", "POST", "route", "/orders", "status", "200") + 1);
    assertThat(frontend.count("toystore_http_request_duration_seconds_count", "method", "POST", "route", "/orders", "status", "200"))
        .isEqualTo(frontendBefore.count("toystore_http_request_duration_seconds_count", "method", "POST", "route", "/orders",
            "status", "200") + 1);
    assertThat(frontend.count("toystore_http_requests_total", "method", "GET", "route", "/orders/:number", "status", "200"))
        .as("counted under the route as registered").isGreaterThanOrEqualTo(1);
    assertThat(frontend.series("toystore_http_requests_total").keySet())
        .as("never a raw path").noneMatch(labels -> labels.get("route").matches(".*/[0-9]+$|.*Tux.*"));
    assertThat(frontend.count("toystore_cache_hits_total")).isGreaterThan(frontendBefore.count("toystore_cache_hits_total"));
    for (String stage : List.of("parse", "forward", "total")) {
      assertThat(frontend.count("toystore_frontend_order_stage_seconds_count", "stage", stage)).as(stage)
          .isEqualTo(frontendBefore.count("toystore_frontend_order_stage_seconds_count", "stage", stage) + 1);
    }
    assertThat(frontend.count("toystore_http_requests_total", "method", "GET", "route", "/metrics", "status", "200"))
        .as("the scrapes before this one").isGreaterThanOrEqualTo(1);

    Exposition leaderAfter = scrape(leaderPort);
    assertThat(leaderAfter.count("toystore_http_requests_total", "method", "POST", "route", "/internal/orders", "status", "200"))
        .isEqualTo(leaderBefore.count("toystore_http_requests_total", "method", "POST", "route", "/internal/orders",
            "status", "200") + 1);
    assertThat(leaderAfter.value("toystore_replica_commit_number"))
        .isEqualTo(leaderBefore.value("toystore_replica_commit_number") + 1).isEqualTo((double) number);
    assertThat(leaderAfter.value("toystore_replica_last_number")).isEqualTo((double) number);
    assertThat(leaderAfter.count("toystore_replica_batch_size_orders_count", "role", "leader"))
        .isEqualTo(leaderBefore.count("toystore_replica_batch_size_orders_count", "role", "leader") + 1);
    assertThat(leaderAfter.count("toystore_replica_batch_write_seconds_count", "role", "leader"))
        .isEqualTo(leaderBefore.count("toystore_replica_batch_write_seconds_count", "role", "leader") + 1);
    for (String stage : List.of("intake", "purchase", "batch_wait", "disk_write", "commit", "place")) {
      assertThat(leaderAfter.count("toystore_replica_order_stage_seconds_count", "stage", stage)).as(stage)
          .isEqualTo(leaderBefore.count("toystore_replica_order_stage_seconds_count", "stage", stage) + 1);
    }
    // The follower that made the majority answered before the commit; the other may still be on its way.
    assertThat(leaderAfter.count("toystore_replica_order_stage_seconds_count", "stage", "follower_round_trip"))
        .isGreaterThanOrEqualTo(leaderBefore.count("toystore_replica_order_stage_seconds_count", "stage",
            "follower_round_trip") + 1);

    // Followers learn of the commit with the next heartbeat (every 100 ms).
    for (int id : layout().replicaIds()) {
      if (id != leader.id()) {
        Deadline.await(Duration.ofSeconds(5), "order-" + id + " to report commit number " + number, () -> {
          Exposition follower = scrapeQuietly(layout().replicaPort(id));
          return follower.value("toystore_replica_commit_number") == number
              && follower.value("toystore_replica_lag_orders") == 0
              && follower.count("toystore_replica_batch_size_orders_count", "role", "follower") >= 1;
        });
      }
    }
    Deadline.await(Duration.ofSeconds(5), "the leader to see both followers caught up", () ->
        scrapeQuietly(leaderPort).series("toystore_replica_follower_lag_orders").values().stream().allMatch(lag -> lag == 0));

    Exposition catalog = scrape(layout().catalogPort());
    assertThat(catalog.value("toystore_catalog_stock_items", "toy", "Whale"))
        .isEqualTo(catalogBefore.value("toystore_catalog_stock_items", "toy", "Whale") - 1);
    assertThat(catalog.count("toystore_catalog_purchase_batch_size_purchases_count"))
        .isEqualTo(catalogBefore.count("toystore_catalog_purchase_batch_size_purchases_count") + 1);
  }

  @Test
  void theAgentCountsKillsAndRestartsPerService() throws IOException {
    Exposition before = scrape(layout().agentPort());
    // order-1 never leads while order-3 is up (the highest id leads and keeps leading).
    cluster.agent().kill("order-1");
    Exposition killed = scrape(layout().agentPort());
    assertThat(killed.value("toystore_supervisor_service_running", "service", "order-1")).isEqualTo(0.0);
    cluster.agent().restart("order-1");

    Exposition after = scrape(layout().agentPort());
    assertThat(after.count("toystore_supervisor_kills_total", "service", "order-1"))
        .isEqualTo(before.count("toystore_supervisor_kills_total", "service", "order-1") + 1);
    assertThat(after.count("toystore_supervisor_restarts_total", "service", "order-1"))
        .isEqualTo(before.count("toystore_supervisor_restarts_total", "service", "order-1") + 1);
    assertThat(after.count("toystore_supervisor_kills_total", "service", "order-2"))
        .isEqualTo(before.count("toystore_supervisor_kills_total", "service", "order-2"));
    assertThat(after.value("toystore_supervisor_service_running", "service", "order-1")).isEqualTo(1.0);
    assertThat(after.count("toystore_http_requests_total", "method", "POST", "route", "/services/:name/kill", "status", "200"))
        .isGreaterThanOrEqualTo(1);
    cluster.awaitConvergence();
  }

  @Test
  void noScrapeCarriesASecretOrAClientsKey() throws IOException {
    cluster.store().order("Fox", 1, ORDER_KEY + "-secret-check");
    for (Map.Entry<String, Integer> service : ports().entrySet()) {
      String text = fetch(service.getValue(), null).text();
      assertThat(text).as(service.getKey())
          .doesNotContain(cluster.config().clusterSecret())
          .doesNotContain(cluster.config().adminToken())
          .doesNotContain(ORDER_KEY);
    }
  }

  private static Exposition scrapeQuietly(int port) {
    try {
      return scrape(port);
    } catch (IOException e) {
      throw new AssertionError("scrape of :" + port + " failed: " + e.getMessage(), e);
    }
  }
}
