package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.model.IdempotencyKey;
import toystore.model.Order;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * Each window in which the original design lost or rewrote orders, opened on purpose with real
 * processes and {@code kill -9} (or SIGSTOP for a leader that is deposed while frozen).
 */
class ReplicationWindowsTest {
  private static final String SECRET = "replication-windows-test-secret";

  @RegisterExtension
  final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3).perTest().withSecrets("admin-token", SECRET);

  @Test
  void anOrderAcknowledgedJustBeforeTheLeaderDiesIsReadableFromTheNextLeader() throws Exception {
    for (int round = 1; round <= 3; round++) {
      long number = cluster.store().order("Whale", round, null);
      String killed = cluster.agent().killLeader();
      Order order = cluster.store().lookup(number);
      assertThat(order).as("order %d after killing %s", number, killed).isEqualTo(new Order(number, "Whale", round));
      cluster.agent().restart(killed);
    }
    cluster.awaitConvergence();
  }

  @Test
  void failoverGoesToTheNextHighestIdAndTheRestartedLeaderCatchesUp() throws Exception {
    Deadline.await(Duration.ofSeconds(10), "the highest id to lead", () -> Objects.equals(statusLeader(), 3));
    long first = cluster.store().order("Tux", 1, null);

    cluster.agent().kill("order-3");
    long second = cluster.store().order("Tux", 2, null);

    assertThat(second).isEqualTo(first + 1);
    assertThat(statusLeader()).isEqualTo(2);
    cluster.agent().restart("order-3");
    cluster.awaitConvergence();
    assertThat(cluster.store().status().leader()).as("leadership is stable").isEqualTo(2);
    assertThat(health(3).lastOrder()).isEqualTo(second);
  }

  @Test
  void aReplicaThatMissedOrdersFetchesThemBeforeItLeads() throws Exception {
    cluster.agent().kill("order-3");
    List<Long> placed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      placed.add(cluster.store().order("Fox", 1, "missed-" + i));
    }
    cluster.agent().kill("order-2");
    // Only replica 1 holds the orders now; replica 3 comes back as the highest id and must lead.
    cluster.agent().restart("order-3");
    Deadline.await(Duration.ofSeconds(15), "replica 3 to lead",
        () -> Objects.equals(statusLeader(), 3));

    for (long number : placed) {
      assertThat(cluster.store().lookup(number)).isEqualTo(new Order(number, "Fox", 1));
    }
    long next = cluster.store().order("Fox", 1, null);
    assertThat(next).isEqualTo(placed.get(placed.size() - 1) + 1);
    cluster.agent().restart("order-2");
    cluster.awaitConvergence();
  }

  @Test
  void aDeposedLeaderCannotCommitAndItsStaleReplicationIsRefused() throws Exception {
    long before = cluster.store().order("Lego", 1, null);
    long frozen = cluster.supervisor().info("order-3").pid();
    signal("STOP", frozen);
    try {
      Deadline.await(Duration.ofSeconds(15), "a new leader while order-3 is frozen",
          () -> Objects.equals(statusLeader(), 2));
      long during = cluster.store().order("Lego", 2, null);
      assertThat(during).isEqualTo(before + 1);
    } finally {
      signal("CONT", frozen);
    }
    // The old leader wakes up still believing it leads; its heartbeats carry the old epoch.
    Deadline.await(Duration.ofSeconds(15), "order-3 to follow the new leader",
        () -> cluster.replica(3) != null && cluster.replica(3).role() == toystore.model.Role.FOLLOWER);
    cluster.awaitConvergence();
    assertThat(cluster.store().lookup(before + 1)).isEqualTo(new Order(before + 1, "Lego", 2));

    ReplicaHealth follower = health(1);
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
    ReplicaClient replica1 = new ReplicaClient(http, new ReplicaAddress(1, cluster.cluster().layout().replicaUrl(1)),
        SECRET);
    Messages.Appended reply = replica1.append(new Messages.Append(follower.epoch() - 1, 3, follower.lastOrder() + 1,
        List.of(new Entry(follower.lastOrder() + 1, "Whale", 9, IdempotencyKey.client("forged"), follower.epoch() - 1)),
        follower.lastOrder() + 1, 0));
    assertThat(reply.ok()).isFalse();
    assertThat(reply.epoch()).isEqualTo(follower.epoch());
    assertThat(health(1).digest()).isEqualTo(follower.digest());
    assertThat(health(1).lastOrder()).isEqualTo(follower.lastOrder());
  }

  @Test
  void theSameKeyRetriedAcrossAFailoverBuysOnce() throws Exception {
    int stockBefore = cluster.store().product("Dolphin").quantity();
    long number = cluster.store().order("Dolphin", 3, "checkout-1");
    String first = cluster.agent().killLeader();
    assertThat(cluster.store().order("dolphin", 3, "checkout-1")).isEqualTo(number);
    cluster.agent().restart(first);

    // A retry racing a leader death: the outcome of the first attempt may be lost, never doubled.
    CompletableFuture<Long> racing = CompletableFuture.supplyAsync(() -> {
      try {
        return cluster.store().order("Dolphin", 2, "checkout-2");
      } catch (IOException e) {
        return null;
      }
    });
    cluster.agent().killLeader();
    Long raced = racing.get(30, TimeUnit.SECONDS);
    long settled = cluster.store().order("Dolphin", 2, "checkout-2");
    if (raced != null) {
      assertThat(settled).isEqualTo(raced);
    }
    assertThat(cluster.store().order("Dolphin", 2, "checkout-2")).isEqualTo(settled);
    assertThatThrownBy(() -> cluster.store().order("Dolphin", 5, "checkout-2"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));

    Deadline.await(Duration.ofSeconds(10), "the purchase to reach the frontend",
        () -> quantity("Dolphin") == stockBefore - 5);
    assertThat(cluster.store().lookup(settled)).isEqualTo(new Order(settled, "Dolphin", 2));
  }

  @Test
  void withTwoReplicasDownWritesGet503AndUnknownOrdersAreNotFalse404s() throws Exception {
    long known = cluster.store().order("Slinky", 1, null);
    Deadline.await(Duration.ofSeconds(5), "replica 1 to learn that the order committed",
        () -> cluster.replica(1) != null && cluster.replica(1).lastOrder() >= known);
    cluster.agent().kill("order-3");
    cluster.agent().kill("order-2");

    assertThatThrownBy(() -> cluster.store().order("Slinky", 1, "minority"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(cluster.store().lookup(known)).isEqualTo(new Order(known, "Slinky", 1));
    assertThatThrownBy(() -> cluster.store().lookup(known + 100))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

    cluster.agent().restart("order-2");
    cluster.agent().restart("order-3");
    cluster.awaitConvergence();
    assertThatThrownBy(() -> cluster.store().lookup(known + 100))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    long after = cluster.store().order("Slinky", 1, "minority");
    assertThat(cluster.store().lookup(after).name()).isEqualTo("Slinky");
  }

  // ---------------------------------------------------------------- helpers

  private Integer statusLeader() {
    try {
      return cluster.store().status().leader();
    } catch (IOException e) {
      return null;
    }
  }

  private int quantity(String toy) {
    try {
      return cluster.store().product(toy).quantity();
    } catch (IOException e) {
      return -1;
    }
  }

  private ReplicaHealth health(int id) throws IOException {
    ReplicaHealth h = cluster.replica(id);
    if (h == null) {
      throw new IOException("replica " + id + " does not answer");
    }
    return h;
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
