package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.check.CheckResult;
import toystore.check.ConsistencyChecker;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.model.IdempotencyKey;
import toystore.model.ReplicaHealth;
import toystore.model.ServiceInfo;
import toystore.order.protocol.Timing;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.Settlement;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * docs/API.md §3.9 with real SIGSTOP/SIGCONT: a frozen process is a fault like a crash. A frozen leader
 * is replaced while clients that never retry see no error, and once it wakes it is refused by every
 * replica and by the catalog; a frozen follower, catalog or frontend costs no acknowledged order.
 */
class FrozenProcessTest {
  private static final String SECRET = "frozen-process-test-secret";

  /** Restocked every second: the clients' load must not run the toys out of stock between tests. */
  @RegisterExtension
  static final ClusterTestSupport cluster =
      ClusterTestSupport.withReplicas(3).restockingFast().withSecrets("admin-token", SECRET);
  static OkHttpClient internal;

  @BeforeAll
  static void start() throws IOException {
    internal = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  /** Whatever a test left frozen runs again, so the next test starts from a whole store. */
  @AfterEach
  void resumeEverything() throws IOException {
    for (ServiceInfo service : cluster.agent().services()) {
      if (service.paused()) {
        cluster.agent().resume(service.name());
      }
    }
    cluster.awaitConvergence();
  }

  @Test
  void aLeaderFrozenPastTheRetryDeadlineIsReplacedAndOnceResumedIsRefusedEverywhere() throws Exception {
    ReplicaHealth old = cluster.awaitLeader();
    String frozen = "order-" + old.id();
    FaultLoad load = FaultLoad.start(cluster, 4, 10);
    load.awaitMoreOrders(20);

    cluster.agent().pause(frozen);
    // Longer than the frontend's retry deadline (5 s): orders in flight to it must move, not wait.
    FaultLoad.hold(Duration.ofSeconds(6));
    ReplicaHealth successor = cluster.awaitLeader();
    cluster.agent().resume(frozen);
    load.awaitMoreOrders(20);
    load.stopAndVerify("leader " + frozen + " frozen for 6 s");

    assertThat(successor.id()).isNotEqualTo(old.id());
    assertThat(successor.epoch()).isGreaterThan(old.epoch());
    Deadline.await(Duration.ofSeconds(10), frozen + " to step down once resumed", () -> {
      ReplicaHealth h = cluster.replica(old.id());
      return h != null && h.role() != toystore.model.Role.LEADER && h.epoch() >= successor.epoch();
    });
    assertRefusedEverywhere(old);
  }

  @Test
  void aFrozenFollowerDoesNotMoveLeadership() throws Exception {
    ReplicaHealth leader = cluster.awaitLeader();
    int follower = leader.id() == 1 ? 2 : 1;
    FaultLoad load = FaultLoad.start(cluster, 2, 11);
    cluster.agent().pause("order-" + follower);
    FaultLoad.hold(Duration.ofSeconds(3));
    ReplicaHealth during = cluster.awaitLeader();
    cluster.agent().resume("order-" + follower);
    load.stopAndVerify("follower order-" + follower + " frozen for 3 s");

    assertThat(during.id()).isEqualTo(leader.id());
    assertThat(during.epoch()).isEqualTo(leader.epoch());
  }

  @Test
  void ordersBehindACatalogFrozenPastTheDeadlineGet503AndOneRetryWithTheKeyBuysOnce() throws Exception {
    ReplicaHealth leader = cluster.awaitLeader();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      cluster.agent().pause("catalog");
      List<Future<Outcome>> placed = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String key = "frozen-catalog-" + i;
        placed.add(clients.submit(() -> attempt("Fox", 1, key)));
      }
      FaultLoad.hold(Duration.ofSeconds(6));
      cluster.agent().resume("catalog");
      List<Long> numbers = new ArrayList<>();
      for (int i = 0; i < placed.size(); i++) {
        Outcome outcome = placed.get(i).get(30, TimeUnit.SECONDS);
        assertThat(outcome.status()).as("order %d while the catalog was frozen: %s", i, outcome.problem())
            .isIn(200, 503);
        long number = cluster.store().order("Fox", 1, "frozen-catalog-" + i);
        if (outcome.status() == 200) {
          assertThat(number).isEqualTo(outcome.number());
        }
        numbers.add(number);
      }
      assertThat(numbers).doesNotHaveDuplicates();
      assertStockExact();
      assertThat(cluster.awaitLeader().epoch()).isEqualTo(leader.epoch());
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void eightyConcurrentOrdersBehindAFrozenCatalogDoNotDeposeTheLeader() throws Exception {
    ReplicaHealth leader = cluster.awaitLeader();
    ExecutorService clients = Executors.newFixedThreadPool(80);
    try {
      cluster.agent().pause("catalog");
      List<Future<Outcome>> placed = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String key = "crowd-" + i;
        placed.add(clients.submit(() -> attempt("Marbles", 1, key)));
      }
      FaultLoad.hold(Duration.ofSeconds(2));
      cluster.agent().resume("catalog");
      for (int i = 0; i < placed.size(); i++) {
        Outcome outcome = placed.get(i).get(60, TimeUnit.SECONDS);
        if (outcome.status() != 200) {
          assertThat(outcome.status()).as("order %d behind the frozen catalog: %s", i, outcome.problem()).isIn(503);
          attempt("Marbles", 1, "crowd-" + i);
        }
      }
      ReplicaHealth after = cluster.awaitLeader();
      assertThat(after.id()).isEqualTo(leader.id());
      assertThat(after.epoch()).as("no view change while the catalog was frozen").isEqualTo(leader.epoch());
      assertStockExact();
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aFrozenFrontendAnswersOnceResumed() throws Exception {
    cluster.agent().pause("frontend");
    CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return cluster.store().order("Slinky", 1, "frozen-frontend");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    FaultLoad.hold(Duration.ofSeconds(2));
    assertThat(waiting).isNotDone();
    cluster.agent().resume("frontend");
    long number = waiting.get(30, TimeUnit.SECONDS);
    assertThat(cluster.store().lookup(number).name()).isEqualTo("Slinky");
    assertThat(cluster.store().order("Slinky", 1, "frozen-frontend")).isEqualTo(number);
  }

  /**
   * Finding 2 of issue 10: a purchase whose leader died before ordering it is about to be settled as
   * an orphan when the leader freezes; the client's retry claims it on the next leader; the old
   * leader wakes up and must not give that stock back.
   */
  @Test
  void anOrphanClaimedOnTheNextLeaderKeepsItsStockWhenTheFrozenLeaderWakes() throws Exception {
    ReplicaHealth old = cluster.awaitLeader();
    CatalogClient catalog = new CatalogClient(internal, cluster.cluster().layout().catalogUrl(), SECRET);
    // The frontend namespaces client keys; this is the purchase a leader made for "late-retry" and died.
    catalog.buy(new Purchase("Yo-Yo", 2, IdempotencyKey.client("late-retry"), old.epoch()));
    Thread.sleep(Timing.standard().orphanAge().toMillis() - 2000);

    cluster.agent().pause("order-" + old.id());
    long number = cluster.store().order("Yo-Yo", 2, "late-retry");
    cluster.agent().resume("order-" + old.id());

    assertThat(cluster.store().lookup(number).quantity()).isEqualTo(2);
    assertThatThrownBy(() -> catalog.settle(
        new Settlement(old.epoch(), Long.MAX_VALUE, List.of(), List.of(IdempotencyKey.client("late-retry")))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(421));
    Thread.sleep(Timing.standard().orphanAge().toMillis() + 2000);
    assertStockExact();
  }

  // ---------------------------------------------------------------- helpers

  /** An attempt's status (0: no reply) and order number, or what went wrong. */
  private record Outcome(int status, long number, String problem) {}

  /** One attempt, no retry. */
  private static Outcome attempt(String toy, int quantity, String key) {
    try {
      return new Outcome(200, cluster.store().order(toy, quantity, key), "");
    } catch (ApiException e) {
      return new Outcome(e.status(), 0, e.getMessage());
    } catch (IOException e) {
      return new Outcome(0, 0, e.toString());
    }
  }

  /** The checker's stock rules: the catalog's sold counts equal the committed orders, for every toy. */
  private static void assertStockExact() throws Exception {
    CheckResult check = new ConsistencyChecker(cluster.agent(), cluster.store()).check(List.of());
    assertThat(check.violations()).as(check.render()).isEmpty();
  }

  /** A deposed leader's epoch buys nothing, settles nothing and appends nowhere. */
  private static void assertRefusedEverywhere(ReplicaHealth deposed) throws IOException {
    CatalogClient catalog = new CatalogClient(internal, cluster.cluster().layout().catalogUrl(), SECRET);
    long before = cluster.agent().stock().stream().filter(t -> t.name().equals("Tux")).findFirst().orElseThrow().quantity();
    assertThatThrownBy(() -> catalog.buy(new Purchase("Tux", 1, IdempotencyKey.client("deposed-buy"), deposed.epoch())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(421));
    assertThatThrownBy(() -> catalog.settle(
        new Settlement(deposed.epoch(), Long.MAX_VALUE, List.of(), List.of(IdempotencyKey.client("deposed-buy")))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(421));
    long after = cluster.agent().stock().stream().filter(t -> t.name().equals("Tux")).findFirst().orElseThrow().quantity();
    assertThat(after).isEqualTo(before);

    for (int id : cluster.cluster().layout().replicaIds()) {
      if (id == deposed.id()) {
        continue;
      }
      ReplicaClient replica = new ReplicaClient(internal, new ReplicaAddress(id, cluster.cluster().layout().replicaUrl(id)),
          SECRET);
      ReplicaHealth current = cluster.replica(id);
      Entry forged = new Entry(current.lastOrder() + 1, "Tux", 1, IdempotencyKey.client("forged-by-deposed"), deposed.epoch());
      Messages.Appended reply = replica.append(new Messages.Append(deposed.epoch(), deposed.id(),
          current.lastOrder() + 1, List.of(forged), current.lastOrder() + 1, 0));
      assertThat(reply.ok()).as("replica %d accepted an append of the deposed epoch", id).isFalse();
      assertThat(reply.epoch()).isGreaterThan(deposed.epoch());
      assertThatThrownBy(() -> replica.join(new Messages.Join(deposed.epoch(), deposed.id())))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
  }
}
