package toystore.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.json.Json;
import toystore.model.Audit;
import toystore.model.OrderRequest;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;

/**
 * The seeded fuzz test: thousands of hostile raw requests, mostly to the frontend, some to the
 * catalog, a replica and the agent. Every reply must be the JSON error shape with a 4xx, or a JSON
 * 2xx that only a valid request could earn (a health or read answer, or an order receipt); never a
 * 5xx, never a hang. Afterwards every process is the one that was running before, all healthy, and
 * the only change is the orders the fuzzer placed with valid requests, and their stock.
 *
 * <p>Reproduce a run with {@code -Dtoystore.fuzz.seed=<seed>} (the seed is printed).
 */
class FuzzTest {
  private static final int REQUESTS = Integer.getInteger("toystore.fuzz.requests", 3000);
  /** Far above any honest answer: a request that gets nothing within it hangs. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  @Test
  void hostileRequestsGetJsonErrorsNeverAHangAndChangeOnlyWhatValidOrdersChange() throws IOException {
    long seed = Long.getLong("toystore.fuzz.seed", 20261124L);
    System.out.println("fuzz test seed: " + seed + " (rerun with -Dtoystore.fuzz.seed=" + seed + ")");
    StoreState before = StoreState.capture(cluster);
    RequestFuzzer fuzzer = new RequestFuzzer(new Random(seed));
    List<String> failures = new ArrayList<>();
    Map<Long, List<String>> receipts = new TreeMap<>();
    Map<Integer, Integer> statuses = new TreeMap<>();

    for (int i = 0; i < REQUESTS; i++) {
      RequestFuzzer.Request request = fuzzer.next();
      RawHttp.Reply reply;
      try {
        reply = RawHttp.send(port(request.target(), i), request.bytes(), TIMEOUT, request.isHead());
      } catch (RawHttp.Hang e) {
        failures.add("#" + i + " " + request.description() + " → hang: " + e.getMessage());
        continue;
      }
      statuses.merge(reply.status(), 1, Integer::sum);
      String problem = problem(request, reply);
      if (problem != null) {
        failures.add("#" + i + " " + request.description() + " → " + reply.status() + " " + problem + ": " + shorten(reply.text()));
      }
      Object data = reply.data();
      if (reply.status() == 200 && data instanceof Map<?, ?> receipt && receipt.get("order_number") instanceof Number n) {
        receipts.computeIfAbsent(n.longValue(), number -> new ArrayList<>())
            .add(request.order() == null ? "no body" : request.order());
      }
    }

    System.out.printf("fuzz test: seed %d, %d requests, replies by status %s, %d orders placed%n",
        seed, REQUESTS, statuses, receipts.size());
    assertThat(failures).as("seed %d: %d of %d requests failed", seed, failures.size(), REQUESTS)
        .isEmpty();
    assertNothingChangedButTheOrders(before, receipts);
  }

  /** What is wrong with {@code reply} to {@code request}, or null. */
  private static String problem(RequestFuzzer.Request request, RawHttp.Reply reply) {
    int status = reply.status();
    if (status <= 0) {
      return "no well-formed reply";
    }
    if (status >= 500 && !(status == 505 && request.oddVersion())) {
      return "server error";
    }
    if (!reply.isJson()) {
      return "not JSON (Content-Type " + reply.header("content-type") + ")";
    }
    if (request.isHead()) {
      return null;
    }
    if (status >= 400) {
      return reply.isErrorShape() ? null : "not the error shape";
    }
    if (status < 200 || status >= 300) {
      return "unexpected status";
    }
    Object data = reply.data();
    if (!(data instanceof Map<?, ?> || data instanceof List<?>)) {
      return "success without data";
    }
    boolean health = data instanceof Map<?, ?> map && "UP".equals(map.get("status"));
    boolean receipt = data instanceof Map<?, ?> map && map.keySet().equals(java.util.Set.of("order_number"));
    if (request.target() != RequestFuzzer.Target.FRONTEND && !health) {
      return "a guarded route answered without the secret";
    }
    if (receipt && request.order() == null) {
      return "an order from a request that is not a valid order";
    }
    if (request.method().equals("POST") && !receipt && !health) {
      return "a POST that changed something without placing an order";
    }
    return null;
  }

  private static void assertNothingChangedButTheOrders(StoreState before, Map<Long, List<String>> receipts) throws IOException {
    Deadline.await(Duration.ofSeconds(10), "replicas to converge", () -> {
      try {
        return StoreState.capture(cluster).healthy();
      } catch (IOException e) {
        return false;
      }
    });
    StoreState after = StoreState.capture(cluster);
    assertThat(after.processes()).as("no process crashed or restarted").isEqualTo(before.processes());
    assertThat(after.leader()).isEqualTo(before.leader());

    List<Audit.CommittedOrder> placed = after.orders().subList(before.orders().size(), after.orders().size());
    assertThat(after.orders().subList(0, before.orders().size())).isEqualTo(before.orders());
    assertThat(placed).extracting(Audit.CommittedOrder::number).containsExactlyElementsOf(new TreeSet<>(receipts.keySet()));
    Map<String, Long> ordered = new HashMap<>();
    for (Audit.CommittedOrder order : placed) {
      // Every request answered with this number (repeats under one idempotency key) asked for exactly this order.
      for (String body : receipts.get(order.number())) {
        OrderRequest sent = Json.read(body, OrderRequest.class);
        assertThat(order.name()).as("order %d from %s", order.number(), body).isEqualToIgnoringCase(sent.name());
        assertThat(order.quantity()).as("order %d from %s", order.number(), body).isEqualTo(sent.quantity());
      }
      ordered.merge(order.name(), (long) order.quantity(), Long::sum);
    }
    for (Audit.Toy toy : after.ledger()) {
      Audit.Toy was = before.ledger().stream().filter(t -> t.name().equals(toy.name())).findFirst().orElseThrow();
      long bought = ordered.getOrDefault(toy.name(), 0L);
      assertThat(toy.price()).as(toy.name()).isEqualTo(was.price());
      assertThat(toy.initial()).as(toy.name()).isEqualTo(was.initial());
      assertThat(toy.sold() - was.sold()).as("%s sold", toy.name()).isEqualTo(bought);
      assertThat(toy.initial() + toy.restocked() - toy.sold()).as("%s stock", toy.name()).isEqualTo(toy.quantity());
    }
    assertThat(after.ledger()).extracting(Audit.Toy::name).isEqualTo(before.ledger().stream().map(Audit.Toy::name).toList());
  }

  /** The frontend mostly; the catalog, one replica (a different one each time) and the agent sometimes. */
  private static int port(RequestFuzzer.Target target, int i) {
    ClusterLayout layout = cluster.cluster().layout();
    return switch (target) {
      case FRONTEND -> layout.frontendPort();
      case CATALOG -> layout.catalogPort();
      case REPLICA -> layout.replicaPort(layout.replicaIds().get(i % layout.replicaIds().size()));
      case AGENT -> layout.agentPort();
    };
  }

  private static String shorten(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
