package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ApiException;
import toystore.config.Replication;
import toystore.model.Order;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;

/**
 * Failover, durability, exactly-once and the minority with real processes and {@code kill -9}, on a
 * fresh store per test and on both engines ({@link FailoverLabTest}, {@link FailoverRaftTest}). Where
 * the engines differ by design (who leads, what a replica without a majority answers) the subclass
 * says so; the lab protocol's own windows are in {@link ReplicationWindowsTest}.
 */
abstract class FailoverSuite {
  @RegisterExtension final ClusterTestSupport cluster;

  FailoverSuite(Replication engine) {
    cluster = ClusterTestSupport.withReplicas(3).perTest().replication(engine);
  }

  /**
   * Replica 1 alone holds the orders and replica 3, which missed them, is back: waits for the leader
   * this engine must pick, which may serve only once replica 3 has what it missed.
   */
  abstract void awaitLeaderAfterCatchUp();

  /** What a lookup of an order committed before two of the three replicas died answers now. */
  abstract void assertKnownOrderWithAMinority(long number, Order order) throws IOException;

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
  void aReplicaThatMissedOrdersFetchesThemBeforeItLeads() throws Exception {
    cluster.agent().kill("order-3");
    List<Long> placed = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      placed.add(cluster.store().order("Fox", 1, "missed-" + i));
    }
    cluster.agent().kill("order-2");
    cluster.agent().restart("order-3");
    awaitLeaderAfterCatchUp();

    for (long number : placed) {
      assertThat(cluster.store().lookup(number)).isEqualTo(new Order(number, "Fox", 1));
    }
    long next = cluster.store().order("Fox", 1, null);
    assertThat(next).isEqualTo(placed.get(placed.size() - 1) + 1);
    cluster.agent().restart("order-2");
    cluster.awaitConvergence();
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
    cluster.awaitConvergence();
    cluster.agent().kill("order-3");
    cluster.agent().kill("order-2");

    assertThatThrownBy(() -> cluster.store().order("Slinky", 1, "minority"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertKnownOrderWithAMinority(known, new Order(known, "Slinky", 1));
    assertThatThrownBy(() -> cluster.store().lookup(known + 100))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

    cluster.agent().restart("order-2");
    cluster.agent().restart("order-3");
    cluster.awaitConvergence();
    assertThatThrownBy(() -> cluster.store().lookup(known + 100))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    long after = cluster.store().order("Slinky", 1, "minority");
    assertThat(cluster.store().lookup(after).name()).isEqualTo("Slinky");
    assertThat(cluster.store().lookup(known)).isEqualTo(new Order(known, "Slinky", 1));
  }

  /** {@code /status}'s leader, or null when the frontend does not answer. */
  Integer statusLeader() {
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
}
