package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import toystore.client.ApiException;
import toystore.model.IdempotencyKey;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.supervisor.Deadline;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A Raft leader frozen with SIGSTOP for longer than the election timeout while orders arrive
 * (docs/API.md §3.9, docs/DESIGN.md "Raft engine"): the other two elect a leader that takes orders;
 * after SIGCONT the old leader steps down, none of the orders sent straight to it got a 200 unless
 * it committed, every replica ends with the same digest and the ledger balances once the old
 * leader's unclaimed purchases are settled.
 */
class RaftFrozenLeaderTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  /** Several maximum election timeouts (RaftSettings): the others must elect while it is frozen. */
  private static final Duration FROZEN = Duration.ofSeconds(5);
  private static final String[] TOYS = {"Tux", "Whale", "Fox", "Lego", "Barbie", "Slinky"};

  private final AtomicInteger keys = new AtomicInteger();
  /** Every order that got a 200, from anyone: key → its number. */
  private final Map<IdempotencyKey, Long> acknowledged = new ConcurrentHashMap<>();

  private Messages.PlaceOrder next(String who) {
    int k = keys.incrementAndGet();
    return new Messages.PlaceOrder(TOYS[k % TOYS.length], 1, IdempotencyKey.client("frozen-" + who + "-" + k));
  }

  @Test
  void aFrozenLeaderIsReplacedStepsDownWhenResumedAndNeverAcknowledgesWhatDidNotCommit() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "raft-frozen-test", Long.toString(System.currentTimeMillis())));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    AtomicBoolean stop = new AtomicBoolean();
    try (RaftReplicas store = new RaftReplicas(dir)) {
      store.startAll();
      int old = store.awaitLeader(ELECTION);
      long oldTerm = store.health(old).orElseThrow().epoch();
      // Two clients that follow the leader, two that send straight to this one (their requests are
      // in flight in it, or queued at its socket, when it freezes).
      List<Future<Integer>> load = List.of(
          clients.submit(() -> follow(store, stop, "follower-a")), clients.submit(() -> follow(store, stop, "follower-b")),
          clients.submit(() -> direct(store, old, stop, "direct-a")), clients.submit(() -> direct(store, old, stop, "direct-b")));
      Deadline.await(ELECTION, "orders before the freeze", () -> acknowledged.size() >= 20);

      store.pause(old);
      long frozenAt = System.nanoTime();
      int before = acknowledged.size();
      Deadline.await(ELECTION, "a new leader while order-" + old + " is frozen",
          () -> store.leader().filter(id -> id != old).isPresent());
      // Raft's part of the stall; the clients' calls that were in flight to the frozen leader wait
      // out their read timeout on top (a frontend cancels them instead).
      System.out.println("raft freeze: a new leader took over " + (System.nanoTime() - frozenAt) / 1_000_000
          + " ms after SIGSTOP of the leader");
      int successor = store.leader().orElseThrow();
      Deadline.await(ELECTION, "orders taken while order-" + old + " is frozen", () -> acknowledged.size() > before + 5);
      long rest = FROZEN.toNanos() - (System.nanoTime() - frozenAt);
      if (rest > 0) {
        TimeUnit.NANOSECONDS.sleep(rest);
      }
      store.resume(old);

      Deadline.await(ELECTION, "order-" + old + " following a later term", () -> store.health(old)
          .filter(h -> h.role() == Role.FOLLOWER && h.epoch() > oldTerm).isPresent());
      Deadline.await(ELECTION, "orders after the resume", () -> acknowledged.size() > before + 25);
      stop.set(true);
      for (Future<Integer> client : load) {
        assertThat(client.get(30, TimeUnit.SECONDS)).as("orders a client saw fail for another reason than 421/503/409")
            .isZero();
      }

      int leader = store.awaitLeader(ELECTION);
      assertThat(leader).isNotEqualTo(old);
      Map<IdempotencyKey, Entry> committed = store.entries(leader).stream()
          .collect(Collectors.toMap(Entry::key, Function.identity()));
      for (Map.Entry<IdempotencyKey, Long> ack : acknowledged.entrySet()) {
        assertThat(committed.get(ack.getKey())).as("acknowledged %s", ack.getKey()).isNotNull()
            .extracting(Entry::number).isEqualTo(ack.getValue());
      }
      awaitEqualDigests(store);
      Deadline.await(Duration.ofSeconds(40), "the old leader's unclaimed purchases settled", () -> balances(store, leader));
      System.out.println("raft freeze: successor " + successor + ", " + acknowledged.size() + " orders acknowledged");
    } finally {
      stop.set(true);
      clients.shutdownNow();
    }
  }

  /** Places orders on whichever replica leads until stopped; returns how many failed unexpectedly. */
  private int follow(RaftReplicas store, AtomicBoolean stop, String who) throws InterruptedException {
    int unexpected = 0;
    while (!stop.get()) {
      Messages.PlaceOrder order = next(who);
      try {
        acknowledged.put(order.key(), store.place(order, ELECTION).number());
      } catch (ApiException e) {
        unexpected += e.status() == 409 ? 0 : 1;
      } catch (IOException e) {
        unexpected++;
      }
    }
    return unexpected;
  }

  /** Places orders on replica {@code id} only, whatever it answers, until stopped. */
  private int direct(RaftReplicas store, int id, AtomicBoolean stop, String who) throws InterruptedException {
    int unexpected = 0;
    while (!stop.get()) {
      Messages.PlaceOrder order = next(who);
      try {
        acknowledged.put(order.key(), store.client(id).placeOrder(order).number());
      } catch (ApiException e) {
        unexpected += e.status() == 409 || e.status() == 421 || e.status() == 503 ? 0 : 1;
        Thread.sleep(50);
      } catch (IOException e) {
        // A timeout while it is frozen: the outcome is unknown, and no 200 was given.
        Thread.sleep(50);
      }
    }
    return unexpected;
  }

  private static boolean balances(RaftReplicas store, int leader) {
    try {
      return store.stockMatchesOrders(leader);
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitEqualDigests(RaftReplicas store) {
    Deadline.await(ELECTION, "every replica with the same digest", () -> {
      List<ReplicaHealth> all = store.alive().stream().map(id -> store.health(id).orElse(null)).toList();
      return all.size() == RaftReplicas.REPLICAS && all.stream().allMatch(h -> h != null
          && h.digest().equals(all.get(0).digest()) && h.lastOrder() == all.get(0).lastOrder());
    });
  }
}
