package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import toystore.client.ApiException;
import toystore.model.IdempotencyKey;
import toystore.model.ReplicaHealth;
import toystore.supervisor.Deadline;
import toystore.wire.order.Messages;

/**
 * The Raft engine with real processes: a catalog and three {@code order --replication raft} JVMs on
 * loopback, real SQLite, real SIGKILL (docs/DESIGN.md "Raft engine"). One store for the whole class,
 * its steps in order; every wait is bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftEngineTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  private static final Duration CONVERGED = Duration.ofSeconds(20);
  /** Two JVMs starting at once on a loaded 2-core machine take seconds before they take part in Raft. */
  private static final Duration RESTARTED = Duration.ofSeconds(45);
  private static final Pattern RESTORED = Pattern.compile("at Raft term (\\d+) index (\\d+); the Raft log is replayed");

  private RaftReplicas store;
  /** Every acknowledged order: number → (key, name, quantity). */
  private final Map<Long, Messages.PlaceOrder> acknowledged = new TreeMap<>();
  private int keys;

  @BeforeAll
  void start() throws IOException {
    // Under target/, not a temporary directory: the replicas' output stays for a failure's reader.
    Path dir = Files.createDirectories(Path.of("target", "raft-engine-test", Long.toString(System.currentTimeMillis())));
    // Assigned before it starts, so that @AfterAll stops whatever did start.
    store = new RaftReplicas(dir);
    store.startAll();
    store.awaitLeader(ELECTION);
  }

  @AfterAll
  void stop() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  private Messages.PlaceOrder next(String toy) {
    return new Messages.PlaceOrder(toy, 1 + keys % 3, IdempotencyKey.client("raft-" + (++keys)));
  }

  private Messages.OrderPlaced place(Messages.PlaceOrder order) throws Exception {
    Messages.OrderPlaced placed = store.place(order, Duration.ofSeconds(20));
    acknowledged.put(placed.number(), order);
    return placed;
  }

  @Test
  @Order(1)
  void ordersAreNumberedInCommitOrderExactlyOncePerKey() throws Exception {
    List<Long> numbers = new ArrayList<>();
    List<Messages.PlaceOrder> orders = new ArrayList<>();
    for (String toy : List.of("Tux", "whale", "Fox", "Lego", "Yo-Yo")) {
      Messages.PlaceOrder order = next(toy);
      orders.add(order);
      numbers.add(place(order).number());
    }
    assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
    int leader = store.leader().orElseThrow();
    assertThat(store.client(leader).order(2).name()).isEqualTo("Whale");

    Messages.OrderPlaced again = store.place(orders.get(2), Duration.ofSeconds(10));
    assertThat(again.number()).isEqualTo(3);
    Messages.PlaceOrder reused = new Messages.PlaceOrder("Dolphin", 7, orders.get(2).key());
    assertThatThrownBy(() -> store.place(reused, Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThat(place(next("Tux")).number()).isEqualTo(6);
  }

  @Test
  @Order(2)
  void killingTheLeaderUnderOrdersLosesNoAcknowledgedOrder() throws Exception {
    int leader = store.awaitLeader(ELECTION);
    for (int i = 0; i < 5; i++) {
      place(next("Fox"));
    }
    long killedAt = System.nanoTime();
    store.kill(leader);
    // The orders right after the kill wait for the new leader: that wait is the failover stall.
    place(next("Marbles"));
    long stallMillis = (System.nanoTime() - killedAt) / 1_000_000;
    int successor = store.awaitLeader(ELECTION);
    assertThat(successor).isNotEqualTo(leader);
    assertThat(stallMillis).as("failover stall").isLessThan(15_000);
    System.out.println("raft failover: the first order after kill -9 of the leader took " + stallMillis + " ms");
    for (int i = 0; i < 5; i++) {
      place(next("Slinky"));
    }
    store.startReplica(leader);
    assertEveryAcknowledgedOrderReadable(successor);
    awaitEqualDigests();
  }

  @Test
  @Order(3)
  void aReplicaRestartedAfterItsSnapshotReplaysOnlyWhatFollows() throws Exception {
    int leader = store.awaitLeader(ELECTION);
    int follower = leader % RaftReplicas.REPLICAS + 1;
    store.kill(follower);
    for (int i = 0; i < 5; i++) {
      place(next("Barbie"));
    }
    String before = store.log(follower);
    store.startReplica(follower);
    Deadline.await(CONVERGED, "order-" + follower + " restored", () -> restoredIndex(follower, before.length()) > 0);
    assertThat(restoredIndex(follower, before.length())).as("the Raft index its database held").isGreaterThan(0);
    awaitEqualDigests();
  }

  @Test
  @Order(4)
  void withOneReplicaOfThreeWritesAre503AndReadsNeverAFalse404() throws Exception {
    int leader = store.awaitLeader(ELECTION);
    int survivor = leader;
    for (int id = 1; id <= RaftReplicas.REPLICAS; id++) {
      if (id != survivor) {
        store.kill(id);
      }
    }
    Messages.PlaceOrder order = next("Lego");
    assertThatThrownBy(() -> store.client(survivor).placeOrder(order))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isIn(421, 503));
    for (long number : List.of(1L, 10_000L)) {
      assertThatThrownBy(() -> store.client(survivor).order(number))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isIn(421, 503));
    }
    for (int id = 1; id <= RaftReplicas.REPLICAS; id++) {
      if (id != survivor) {
        store.startReplica(id);
      }
    }
    int next = store.awaitLeader(RESTARTED);
    assertEveryAcknowledgedOrderReadable(next);
    awaitEqualDigests();
  }

  /** The restored index in the replica's output after {@code from}, or 0 if it has not started yet. */
  private long restoredIndex(int id, int from) {
    try {
      Matcher m = RESTORED.matcher(store.log(id).substring(from));
      return m.find() ? Long.parseLong(m.group(2)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private void assertEveryAcknowledgedOrderReadable(int leader) throws Exception {
    Deadline.await(ELECTION, "order-" + leader + " answering reads", () -> {
      try {
        store.client(leader).order(1);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
    for (Map.Entry<Long, Messages.PlaceOrder> e : acknowledged.entrySet()) {
      toystore.model.Order read = store.client(leader).order(e.getKey());
      assertThat(read.name()).isEqualToIgnoringCase(e.getValue().name());
      assertThat(read.quantity()).isEqualTo(e.getValue().quantity());
    }
  }

  private void awaitEqualDigests() {
    Deadline.await(CONVERGED, "every replica with the same digest", () -> {
      List<ReplicaHealth> all = store.alive().stream().map(id -> store.health(id).orElse(null)).toList();
      return all.size() == RaftReplicas.REPLICAS && all.stream().allMatch(h -> h != null
          && h.digest().equals(all.get(0).digest()) && h.lastOrder() == all.get(0).lastOrder());
    });
    ReplicaHealth any = store.health(store.alive().get(0)).orElseThrow();
    assertThat(any.lastOrder()).isGreaterThanOrEqualTo(acknowledged.keySet().stream().mapToLong(n -> n).max().orElse(0));
  }
}
