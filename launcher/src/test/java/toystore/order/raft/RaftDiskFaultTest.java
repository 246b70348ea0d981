package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.Test;
import toystore.client.ApiException;
import toystore.model.IdempotencyKey;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.supervisor.Deadline;
import toystore.supervisor.Tmpfs;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * docs/API.md §3.10 in raft mode with a real full disk (docs/DESIGN.md "Raft engine"): the Raft
 * leader's order database is on a small tmpfs (its Raft log on another, large one), made leader,
 * and filled under orders until SQLite's writes fail. It shows {@code fault} in {@code /health},
 * never answers Placed for an order it did not store, and the other two go on taking orders. Root
 * only (the tmpfs).
 */
class RaftDiskFaultTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  private static final long DATABASE_BYTES = 2L << 20;
  private static final long RAFT_LOG_BYTES = 64L << 20;
  private static final int FAULTY = 2;
  private static final int MAX_ORDERS = 2000;
  private static final String[] TOYS = {"Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin", "Barbie", "Lego",
      "Frisbee", "Marbles", "Slinky", "Yo-Yo"};

  private int keys;

  private Messages.PlaceOrder next() {
    keys++;
    return new Messages.PlaceOrder(TOYS[keys % TOYS.length], 1, IdempotencyKey.client("disk-" + keys));
  }

  @Test
  void aReplicaThatCannotStoreAnOrderSaysSoNeverAcknowledgesItAndTheOtherTwoGoOn() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "raft-disk-test", Long.toString(System.currentTimeMillis())));
    Path home = dir.resolve("order-" + FAULTY + "-raft");
    // Closed in reverse order: the replicas before the disks they use.
    try (Tmpfs database = Tmpfs.mount(home, DATABASE_BYTES);
         Tmpfs raftLog = Tmpfs.mount(home.resolve("ratis"), RAFT_LOG_BYTES);
         RaftReplicas store = new RaftReplicas(dir)) {
      store.startAll();
      store.awaitLeader(ELECTION);
      transferLeadership(store, FAULTY);
      Deadline.await(ELECTION, "order-" + FAULTY + " leading", () -> store.leader().filter(id -> id == FAULTY).isPresent());
      Map<IdempotencyKey, Long> acknowledged = new HashMap<>();
      Messages.PlaceOrder first = next();
      acknowledged.put(first.key(), store.client(FAULTY).placeOrder(first).number());

      database.fill();
      // Some writes still fit (SQLite reuses its WAL's pages); go on until it cannot store one.
      List<Long> placedByFaulty = new ArrayList<>();
      Optional<ReplicaHealth> faulty = Optional.empty();
      for (int i = 0; i < MAX_ORDERS && faulty.isEmpty(); i++) {
        Messages.PlaceOrder order = next();
        try {
          long number = store.client(FAULTY).placeOrder(order).number();
          placedByFaulty.add(number);
          acknowledged.put(order.key(), number);
        } catch (ApiException e) {
          assertThat(e.status()).as("what a replica that cannot store answers").isIn(409, 421, 503);
        } catch (IOException e) {
          // No answer: no 200 either.
        }
        faulty = store.health(FAULTY).filter(h -> h.fault() != null);
      }
      assertThat(faulty).as("order-%d reports its disk fault within %d orders", FAULTY, MAX_ORDERS).isPresent();
      Deadline.await(ELECTION, "order-" + FAULTY + " no longer leading",
          () -> store.health(FAULTY).filter(h -> h.role() != Role.LEADER).isPresent());
      long stored = store.health(FAULTY).orElseThrow().lastOrder();
      assertThat(placedByFaulty).as("every order it placed is one it stored").allMatch(n -> n <= stored);
      Messages.PlaceOrder refused = next();
      try {
        store.client(FAULTY).placeOrder(refused);
        throw new AssertionError("a replica with a disk fault placed an order");
      } catch (ApiException e) {
        assertThat(e.status()).isIn(421, 503);
      }

      // The other two hold a majority and go on.
      int successor = store.awaitLeader(ELECTION);
      assertThat(successor).isNotEqualTo(FAULTY);
      for (int i = 0; i < 10; i++) {
        Messages.PlaceOrder order = next();
        acknowledged.put(order.key(), store.place(order, ELECTION).number());
      }
      Map<IdempotencyKey, Entry> committed = store.entries(successor).stream()
          .collect(Collectors.toMap(Entry::key, Function.identity()));
      acknowledged.forEach((key, number) -> assertThat(committed.get(key)).as("acknowledged %s", key).isNotNull()
          .extracting(Entry::number).isEqualTo(number));
      assertThat(store.health(FAULTY).orElseThrow().fault()).as("the fault stays until a restart").isNotNull();
      System.out.println("raft disk fault: order-" + FAULTY + " stored " + stored + " orders, placed "
          + placedByFaulty.size() + " after the disk filled; " + committed.size() + " committed");
    }
  }

  /** Ratis's admin call, as an operator would make it: the test needs the full disk on the leader. */
  private static void transferLeadership(RaftReplicas store, int to) throws IOException {
    try (RaftClient client = store.raftClient()) {
      RaftClientReply reply = client.admin().transferLeadership(RaftPeers.peerId(to), 10_000);
      assertThat(reply.isSuccess()).as("leadership transferred to %d: %s", to, reply).isTrue();
    }
  }
}
