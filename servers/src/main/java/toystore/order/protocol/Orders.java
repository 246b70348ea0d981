package toystore.order.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import toystore.model.IdempotencyKey;
import toystore.model.Role;
import toystore.wire.catalog.Purchase;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A leader's orders: taking them exactly once per key, buying them, group commit, and answering
 * each once a majority holds it. Part of {@link Replica}, whose state it reads and changes.
 */
final class Orders {
  /** What queues while a batch is being written goes into the next one, up to this many orders. */
  private static final int MAX_BATCH = 1000;
  static final String MOVED = "leadership moved; retry on the new leader";

  private final Replica r;
  private final Map<IdempotencyKey, Attempt> inFlight = new LinkedHashMap<>();
  /** Bought and waiting for the next batch, in the order the catalog answered. */
  private final ArrayDeque<Attempt> bought = new ArrayDeque<>();
  private final TreeMap<Long, List<Waiter>> commitWaiters = new TreeMap<>();
  /** Leader: the last number handed to its own disk (on it or being written); 0 once none is out. */
  private long handedThrough;

  Orders(Replica r) {
    this.r = r;
  }

  /** An attempt under this key is being bought, appended or committed. */
  boolean inFlight(IdempotencyKey key) {
    return inFlight.containsKey(key);
  }

  /** Orders are bought and wait for a batch. */
  boolean waiting() {
    return !bought.isEmpty();
  }

  void bought(Input.Bought in) {
    Attempt attempt = attemptOf(in.purchase());
    if (attempt != null) {
      attempt.purchase = in.result();
      bought.add(attempt);
    }
  }

  /**
   * The leader stepped down: everything waiting on it fails; the frontend retries it on the next one.
   * Entries only in a leader's memory go (a follower may hold them: the next leader decides), so that
   * its log is again what its disk holds or is writing.
   */
  void lost(boolean leading) {
    long kept = Math.max(handedThrough, r.log.durable());
    if (leading && r.log.last() > kept) {
      r.log.truncate(kept);
    }
    handedThrough = 0;
    Outcome lost = new Outcome.NotLeader(MOVED);
    commitWaiters.values().forEach(waiters -> waiters.forEach(w -> r.reply(w.call(), lost)));
    commitWaiters.clear();
    inFlight.values().forEach(a -> a.waiters.forEach(w -> r.reply(w.call(), lost)));
    inFlight.clear();
    bought.clear();
  }

  /**
   * Places an order exactly once per key: an existing key answers with its order, a concurrent retry
   * joins the first attempt, anything else is bought from the catalog with the key.
   */
  void place(Input.Place in) {
    Messages.PlaceOrder order = in.order();
    Outcome refused = r.role != Role.LEADER ? new Outcome.NotLeader("not the leader")
        : !r.aligned ? new Outcome.CatchingUp()
        : r.reconciliation.settling(order.key()) ? new Outcome.Settling() : null;
    if (refused != null) {
      r.reply(in.call(), refused);
      return;
    }
    Long existing = r.log.numberOf(order.key());
    Attempt attempt = inFlight.get(order.key());
    if (existing != null) {
      if (!r.log.get(existing).request().sameOrderAs(order.request())) {
        r.reply(in.call(), new Outcome.KeyReused());
      } else if (existing <= r.log.commit()) {
        placed(new Waiter(in.call(), order, null), r.log.get(existing));
      } else {
        commitWaiters.computeIfAbsent(existing, n -> new ArrayList<>()).add(new Waiter(in.call(), order, null));
      }
    } else if (attempt != null) {
      attempt.waiters.add(new Waiter(in.call(), order, null));
    } else {
      attempt = new Attempt(order.key(), r.log.epoch(), order.quantity());
      attempt.waiters.add(new Waiter(in.call(), order, null));
      inFlight.put(order.key(), attempt);
      r.emit(new Effect.Buy(new Purchase(order.name(), order.quantity(), order.key(), r.log.epoch())));
    }
  }

  private void placed(Waiter waiter, Entry entry) {
    if (!entry.request().sameOrderAs(waiter.order().request())) {
      r.reply(waiter.call(), new Outcome.KeyReused());
      return;
    }
    r.reply(waiter.call(), new Outcome.Placed(
        new Messages.OrderPlaced(entry.number(), entry.name(), entry.quantity(), waiter.item())));
  }

  /** The attempt this purchase was made for, still waiting for the catalog; null for an earlier one's. */
  private Attempt attemptOf(Purchase purchase) {
    Attempt attempt = inFlight.get(purchase.key());
    return attempt != null && attempt.epoch == purchase.epoch() && attempt.purchase == null ? attempt : null;
  }

  void buyFailed(Input.BuyFailed in) {
    if (in.failure() == Input.CatalogFailure.DEPOSED && r.isCurrent(in.purchase().epoch())) {
      // Stepping down answers every attempt, this one included: it must not be answered twice.
      r.stepDown("the catalog knows a newer epoch than " + in.purchase().epoch());
    }
    Attempt attempt = attemptOf(in.purchase());
    if (attempt != null) {
      fail(attempt, switch (in.failure()) {
        case DEPOSED -> new Outcome.NotLeader(MOVED);
        case REFUSED -> new Outcome.CatalogRefused(in.status(), in.message());
        case NO_REPLY -> new Outcome.CatalogUnavailable();
      });
    }
  }

  private void fail(Attempt attempt, Outcome outcome) {
    inFlight.remove(attempt.key, attempt);
    attempt.waiters.forEach(w -> r.reply(w.call(), outcome));
  }

  /**
   * Group commit, pipelined: everything bought is numbered and appended in memory at once, so the
   * followers get it with their next append without waiting for this replica's disk; this replica's
   * own disk takes everything it lacks in one write whenever it is free. A majority of disks, the
   * leader's or not, commits it.
   */
  void startBatch() {
    if (!bought.isEmpty()) {
      if (r.role != Role.LEADER || !r.aligned) {
        while (!bought.isEmpty()) {
          fail(bought.poll(), new Outcome.NotLeader(MOVED));
        }
      } else {
        appendBought();
      }
    }
    writeUnwritten();
  }

  private void appendBought() {
    List<Entry> entries = new ArrayList<>();
    Set<IdempotencyKey> keys = new HashSet<>();
    long number = r.log.last();
    while (!bought.isEmpty() && entries.size() < MAX_BATCH) {
      Attempt a = bought.poll();
      // Taken under an older epoch (this replica stepped down and was elected again meanwhile), or a
      // second attempt with a key already in the log: a key enters the log once. Retrying finds it.
      if (a.epoch != r.log.epoch() || r.log.numberOf(a.key) != null || !keys.add(a.key)) {
        fail(a, new Outcome.Retry("the order was taken by an earlier leadership; retry"));
        continue;
      }
      Entry entry = new Entry(++number, a.purchase.item().name(), a.quantity, a.key, r.log.epoch());
      entries.add(entry);
      List<Waiter> waiting = commitWaiters.computeIfAbsent(entry.number(), n -> new ArrayList<>());
      a.waiters.forEach(w -> waiting.add(new Waiter(w.call(), w.order(), a.purchase.item())));
      a.waiters.clear();
    }
    r.log.append(entries);
  }

  /** This leader's own disk, when free, takes every entry it lacks in one write. */
  private void writeUnwritten() {
    if (r.writing != null || r.role != Role.LEADER || !r.aligned || r.log.last() <= r.log.durable()) {
      return;
    }
    List<Entry> entries = r.log.range(r.log.durable() + 1, Integer.MAX_VALUE);
    long through = r.log.last();
    long commit = Math.max(r.log.persistedCommit(), Math.min(r.log.commit(), through));
    handedThrough = through;
    r.persist(new Write.AppendEntries(List.copyOf(entries), commit), () -> {
      r.log.writtenThrough(through);
      r.log.commitWritten(commit);
      advanceCommit();
    }, error -> {
      r.log.truncate(r.log.durable());
      handedThrough = 0;
    });
  }

  /** Raises the commit number to what a majority holds on disk and answers the waiters. */
  void advanceCommit() {
    if (r.role != Role.LEADER || !r.replicating) {
      return;
    }
    List<Long> held = new ArrayList<>();
    held.add(r.log.durable());
    r.peers.values().forEach(p -> held.add(p.match));
    held.sort(Comparator.reverseOrder());
    long majorityHolds = held.get(r.majority - 1);
    if (majorityHolds <= r.log.commit()) {
      return;
    }
    r.log.raiseCommit(majorityHolds);
    SortedMap<Long, List<Waiter>> due = commitWaiters.headMap(r.log.commit(), true);
    for (Map.Entry<Long, List<Waiter>> waiting : due.entrySet()) {
      Entry entry = r.log.get(waiting.getKey());
      waiting.getValue().forEach(w -> placed(w, entry));
      inFlight.remove(entry.key());
    }
    due.clear();
  }
}
