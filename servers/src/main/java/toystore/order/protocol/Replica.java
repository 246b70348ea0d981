package toystore.order.protocol;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import toystore.catalog.Purchase;
import toystore.catalog.Settlement;
import toystore.model.Order;
import toystore.model.Role;
import toystore.order.Entry;
import toystore.order.Messages;
import toystore.order.ReplicaAddress;

/**
 * The order replica's protocol as a pure state machine (docs/DESIGN.md, "Orders: replication
 * protocol"): Viewstamped-Replication style, coordinated by the frontend. As leader it numbers
 * orders, buys from the catalog with the idempotency key, appends in batches and acknowledges once
 * a majority holds an order on disk. As follower it accepts entries only from the leader of its
 * current epoch. No threads, no clock, no network, no disk: it takes an {@link Input} and the time,
 * and returns {@link Effect}s in order; the same inputs give the same effects.
 *
 * <p>Disk first: one {@link Write} is on its way at a time, and memory follows only once it is done,
 * so a failed write (disk full, I/O error) leaves memory as the disk is. Requests that may write
 * (lead, join, append) wait in {@link #deferred} meanwhile. The one exception is the leader's batch:
 * it goes to memory and to the followers at once, so that its own disk write overlaps with theirs,
 * and it counts towards a majority only once written; if its write fails it leaves memory again.
 * A batch whose write is on its way when the leader steps down cannot be called back: its write
 * decides, and nothing that could vouch for it (a join) is answered before that.
 */
public final class Replica {
  /** What queues while a batch is being written goes into the next one, up to this many orders. */
  private static final int MAX_BATCH = 1000;
  /** How often a commit number that moved is written on its own when no other write carries it. */
  private static final long FLUSH_EVERY = Duration.ofMillis(200).toNanos();
  private static final String MOVED = "leadership moved; retry on the new leader";

  private final int id;
  private final int majority;
  private final Timing timing;
  private final Log log;
  private final Map<Integer, Peer> peers = new TreeMap<>();
  private final Staging staging = new Staging();
  private final Reconciliation reconciliation;
  private final Map<String, Attempt> inFlight = new LinkedHashMap<>();
  /** Bought and waiting for the next batch, in the order the catalog answered. */
  private final ArrayDeque<Attempt> bought = new ArrayDeque<>();
  private final TreeMap<Long, List<Waiter>> commitWaiters = new TreeMap<>();
  private final ArrayDeque<Input> deferred = new ArrayDeque<>();
  private Role role;
  private Integer leaderId;
  /** Follower: its log follows the current epoch's leader. Leader: it may accept orders. */
  private boolean aligned;
  /**
   * Leader: its log is the adopted one of this epoch, so it may send it. Before that, sending would
   * let a follower mark an incomplete log as belonging to this epoch.
   */
  private boolean replicating;
  /** Leader: the last number of the log it adopted when its epoch began. */
  private long epochStart;
  /** Follower: when its leader's last append arrived, or null. */
  private Long leaderContact;
  /** The highest commit number a leader has sent this replica, -1 before any: for its lag (metrics only). */
  private long leaderCommitSeen = -1;
  /** Leader: whether it said it lost its majority, so that it says so once, not every heartbeat. */
  private boolean quorumLost;
  /** The last disk write's error while writes fail, else null. */
  private String fault;
  private ViewChange viewChange;
  private PendingWrite writing;
  /** The epoch the catalog must still be told (0: none), the one being told, and when to try again. */
  private long fenceEpoch;
  private long fenceSent;
  private long fenceAt;
  private boolean fenceSaid;
  private long nextSendId = 1;
  private long nextWriteId = 1;
  private long nextFlushAt;
  private long now;
  private List<Effect> out = new ArrayList<>();

  public Replica(int id, List<Integer> peers, Restored restored, Timing timing, long now) {
    this.id = id;
    this.majority = ReplicaAddress.majority(peers.size() + 1);
    this.timing = timing;
    this.log = new Log(restored);
    peers.stream().sorted().forEach(p -> this.peers.put(p, new Peer(p)));
    this.reconciliation = new Reconciliation(now + timing.reconcileEvery().toNanos());
    this.nextFlushAt = now + FLUSH_EVERY;
  }

  /** Handles one input at time {@code now} (nanoseconds on any monotonic clock); returns what to do, in order. */
  public List<Effect> handle(Input input, long now) {
    this.now = now;
    boolean mayWrite = input instanceof Input.Lead || input instanceof Input.Join || input instanceof Input.Append;
    if (mayWrite && (writing != null || !deferred.isEmpty())) {
      deferred.add(input);
    } else {
      dispatch(input);
    }
    while (writing == null && !deferred.isEmpty()) {
      dispatch(deferred.poll());
    }
    advanceViewChange();
    startBatch();
    replicate();
    fenceCatalog();
    reconcile();
    flushCommit();
    List<Effect> effects = out;
    out = new ArrayList<>();
    return effects;
  }

  private void dispatch(Input input) {
    if (input instanceof Input.Lead in) {
      lead(in);
    } else if (input instanceof Input.Join in) {
      join(in);
    } else if (input instanceof Input.Append in) {
      append(in);
    } else if (input instanceof Input.Place in) {
      place(in);
    } else if (input instanceof Input.Answered in) {
      answered(in.peer(), in.sendId(), in.answer(), null);
    } else if (input instanceof Input.Unanswered in) {
      answered(in.peer(), in.sendId(), null, in.why());
    } else if (input instanceof Input.Persisted in) {
      written(in.writeId(), null);
    } else if (input instanceof Input.PersistFailed in) {
      written(in.writeId(), String.valueOf(in.error()));
    } else if (input instanceof Input.Bought in) {
      Attempt attempt = attemptOf(in.purchase());
      if (attempt != null) {
        attempt.purchase = in.result();
        bought.add(attempt);
      }
    } else if (input instanceof Input.BuyFailed in) {
      buyFailed(in);
    } else if (input instanceof Input.CatalogFenced in) {
      fenced(in.epoch(), null);
    } else if (input instanceof Input.CatalogFenceFailed in) {
      fenced(in.epoch(), String.valueOf(in.why()));
    } else if (input instanceof Input.Unsettled in) {
      unsettled(in.purchases());
    } else if (input instanceof Input.UnsettledFailed in) {
      reconciliation.listing = false;
      note(Effect.Level.INFO, "reconciliation postponed: " + in.why());
    } else if (input instanceof Input.Settled in) {
      settled(in.settlement(), null);
    } else if (input instanceof Input.SettleFailed in) {
      settled(in.settlement(), in.failure());
    }
    // A Tick only lets the timers below handle() fire.
  }

  // ---------------------------------------------------------------- disk

  private void persist(Write write, Runnable done, Consumer<String> failed) {
    writing = new PendingWrite(nextWriteId++, write, done, failed);
    out.add(new Effect.Persist(writing.id(), write));
  }

  private void written(long writeId, String error) {
    PendingWrite write = writing;
    if (write == null || write.id() != writeId) {
      return;
    }
    writing = null;
    if (error == null) {
      if (fault != null) {
        note(Effect.Level.INFO, "its database takes writes again");
        fault = null;
      }
      write.done().run();
    } else {
      write.failed().accept(error);
      diskFault(error);
    }
  }

  /**
   * A write failed: memory still matches the disk, the replica stops leading, and says so in its
   * view and log (once) until a write works again. The write's caller was answered DiskFault.
   */
  private void diskFault(String error) {
    if (fault == null) {
      note(Effect.Level.ERROR, "cannot write to its database (" + error + "); taking no writes until it works again");
    }
    fault = error;
    if (role == Role.LEADER) {
      stepDown("disk fault");
    }
  }

  /** Lazy by design: a lower commit number on disk after a crash only means vouching for less. */
  private void flushCommit() {
    if (writing != null || !deferred.isEmpty() || !bought.isEmpty() || now < nextFlushAt) {
      return;
    }
    nextFlushAt = now + FLUSH_EVERY;
    long commit = Math.min(log.commit(), log.durable());
    if (commit > log.persistedCommit()) {
      persist(new Write.SetCommit(commit), () -> log.commitWritten(commit), error -> { });
    }
  }

  // ---------------------------------------------------------------- epochs

  /** Moves to {@code epoch} under {@code leader} (disk first), then {@code then}; DiskFault to {@code call} if it cannot. */
  private void enterEpoch(long epoch, int leader, Call call, Runnable then) {
    if (role == Role.LEADER) {
      stepDown("epoch " + epoch + " began");
    }
    Runnable entered = () -> {
      leaderId = leader;
      role = leader == id ? Role.LEADER : Role.FOLLOWER;
      aligned = false;
      replicating = false;
      then.run();
    };
    if (epoch > log.epoch()) {
      persist(new Write.SetEpoch(epoch), () -> {
        log.setEpoch(epoch);
        entered.run();
      }, error -> reply(call, new Outcome.DiskFault(id)));
    } else {
      entered.run();
    }
  }

  /** Fails everything waiting on this leader; the frontend retries it on the next one. */
  private void stepDown(String why) {
    note(Effect.Level.INFO, "no longer leader (" + why + ")");
    role = null;
    aligned = false;
    replicating = false;
    // What the followers held was this epoch's; the next leadership learns it afresh.
    peers.values().forEach(Peer::forgetProgress);
    Outcome lost = new Outcome.NotLeader(MOVED);
    commitWaiters.values().forEach(waiters -> waiters.forEach(w -> reply(w.call(), lost)));
    commitWaiters.clear();
    inFlight.values().forEach(a -> a.waiters.forEach(w -> reply(w.call(), lost)));
    inFlight.clear();
    bought.clear();
    if (viewChange != null) {
      endViewChange(new Outcome.StaleEpoch("epoch " + viewChange.epoch + " was superseded"));
    }
  }

  private boolean isCurrent(long epoch) {
    return log.epoch() == epoch && role == Role.LEADER;
  }

  private Messages.Joined joined() {
    return new Messages.Joined(log.lastNormalEpoch(), log.last(), log.commit());
  }

  // ---------------------------------------------------------------- view change (candidate)

  private void lead(Input.Lead in) {
    long epoch = in.epoch();
    if (epoch <= log.epoch()) {
      reply(in.call(), new Outcome.StaleEpoch("epoch " + epoch + " is not newer than " + log.epoch()));
      return;
    }
    enterEpoch(epoch, id, in.call(), () -> {
      note(Effect.Level.INFO, "leading epoch " + epoch + ", fencing peers");
      viewChange = new ViewChange(in.call(), epoch, joined(), now + timing.joinWait().toNanos());
      for (Peer peer : peers.values()) {
        viewChange.asked.put(peer.id, send(peer.id, new PeerRequest.Join(new Messages.Join(epoch, id))));
      }
    });
  }

  /** Takes the view change as far as it can go now; each step's write ends the step. */
  private void advanceViewChange() {
    ViewChange vc = viewChange;
    while (vc != null && vc == viewChange && !vc.writing) {
      ViewChange.Phase before = vc.phase;
      if (!isCurrent(vc.epoch)) {
        endViewChange(new Outcome.StaleEpoch("epoch " + vc.epoch + " was superseded"));
      } else if (vc.phase == ViewChange.Phase.JOINING && vc.joinsDone(majority, now)) {
        decide(vc);
      } else if (vc.phase == ViewChange.Phase.ADOPTING && writing == null) {
        adopt(vc);
      } else if (vc.phase == ViewChange.Phase.MARKING && writing == null) {
        mark(vc);
      } else if (vc.phase == ViewChange.Phase.REPLICATING && log.commit() >= vc.adoptedLast) {
        aligned = true;
        note(Effect.Level.INFO, "leader of epoch " + vc.epoch + " with " + log.commit() + " orders committed");
        endViewChange(new Outcome.Led(vc.epoch));
      } else if (vc.phase == ViewChange.Phase.REPLICATING && now >= vc.replicateDeadline) {
        endViewChange(new Outcome.NoMajority("could not re-replicate the log to a majority"));
      }
      if (vc.phase == before) {
        return;
      }
    }
  }

  private void decide(ViewChange vc) {
    if (vc.joined.size() + 1 < majority) {
      role = null;
      leaderId = null;
      endViewChange(new Outcome.NoMajority("no majority of replicas reachable"));
      return;
    }
    // Only now: had this candidate failed, its fence would have shut out a leader still in office.
    // In the background: a catalog that is down must not hold up the view change, and every
    // purchase carries the epoch anyway.
    fenceEpoch = vc.epoch;
    fenceAt = now;
    fenceSaid = false;
    Integer best = vc.mostComplete();
    if (best == null) {
      vc.phase = ViewChange.Phase.MARKING;
      return;
    }
    // Copies the committed-or-not tail of the most complete log over our uncommitted tail.
    vc.source = best;
    vc.from = vc.mine.commitNumber() + 1;
    vc.through = vc.joined.get(best).lastNumber();
    vc.phase = vc.from <= vc.through ? ViewChange.Phase.FETCHING : ViewChange.Phase.ADOPTING;
    if (vc.phase == ViewChange.Phase.FETCHING) {
      vc.fetchSendId = send(best, new PeerRequest.FetchLog(vc.from));
    }
  }

  private void fetched(ViewChange vc, int peer, Input.PeerAnswer answer, String why) {
    if (!(answer instanceof Input.LogPageReply page)) {
      endViewChange(new Outcome.NoMajority("replica " + peer + " did not send its log: "
          + (why != null ? why : "unexpected answer")));
      return;
    }
    long next = vc.from + vc.fetched.size();
    List<Entry> useful = new ArrayList<>();
    for (Entry e : page.entries()) {
      if (e.number() == next + useful.size() && e.number() <= vc.through) {
        useful.add(e);
      }
    }
    if (useful.isEmpty()) {
      endViewChange(new Outcome.NoMajority("replica " + peer + " no longer has its log"));
      return;
    }
    vc.fetched.addAll(useful);
    next += useful.size();
    if (next <= vc.through) {
      vc.fetchSendId = send(peer, new PeerRequest.FetchLog(next));
    } else {
      vc.phase = ViewChange.Phase.ADOPTING;
    }
  }

  private void adopt(ViewChange vc) {
    List<Entry> adopted = List.copyOf(vc.fetched);
    long commit = Math.min(log.commit(), vc.from - 1 + adopted.size());
    vc.writing = true;
    persist(new Write.ReplaceFrom(vc.from, adopted, vc.epoch, commit), () -> {
      vc.writing = false;
      log.replaceFrom(vc.from, adopted, vc.epoch, commit);
      note(Effect.Level.INFO, "adopted orders " + vc.from + ".." + vc.through + " from replica " + vc.source);
      vc.phase = ViewChange.Phase.MARKING;
    }, error -> endViewChange(new Outcome.DiskFault(id)));
  }

  private void mark(ViewChange vc) {
    if (log.lastNormalEpoch() == vc.epoch) {
      startReplicating(vc);
      return;
    }
    vc.writing = true;
    persist(new Write.SetNormalEpoch(vc.epoch), () -> {
      vc.writing = false;
      log.setLastNormalEpoch(vc.epoch);
      startReplicating(vc);
    }, error -> endViewChange(new Outcome.DiskFault(id)));
  }

  private void startReplicating(ViewChange vc) {
    vc.adoptedLast = log.last();
    epochStart = vc.adoptedLast;
    replicating = true;
    for (Peer peer : peers.values()) {
      Messages.Joined theirs = vc.joined.get(peer.id);
      peer.next = theirs == null ? vc.adoptedLast + 1 : theirs.commitNumber() + 1;
      peer.match = 0;
    }
    vc.replicateDeadline = now + timing.rereplicationWait().toNanos();
    vc.phase = ViewChange.Phase.REPLICATING;
    advanceCommit();
  }

  private void endViewChange(Outcome outcome) {
    reply(viewChange.call, outcome);
    viewChange = null;
  }

  /** Tells the catalog the new epoch before this leader's first purchase, retrying while it leads. */
  private void fenceCatalog() {
    if (fenceEpoch == 0 || fenceSent != 0 || now < fenceAt) {
      return;
    }
    if (!isCurrent(fenceEpoch)) {
      fenceEpoch = 0;
      return;
    }
    fenceSent = fenceEpoch;
    out.add(new Effect.FenceCatalog(fenceEpoch));
  }

  private void fenced(long epoch, String why) {
    if (epoch != fenceSent) {
      return;
    }
    fenceSent = 0;
    if (epoch != fenceEpoch) {
      return;
    }
    if (why == null) {
      fenceEpoch = 0;
      return;
    }
    if (!fenceSaid) {
      note(Effect.Level.INFO, "could not fence the catalog at epoch " + epoch + " yet (" + why + "); retrying");
      fenceSaid = true;
    }
    fenceAt = now + timing.fenceRetry().toNanos();
  }

  // ---------------------------------------------------------------- follower side

  private void join(Input.Join in) {
    Messages.Join join = in.join();
    if (join.epoch() < log.epoch() || join.epoch() == log.epoch() && !Integer.valueOf(join.leader()).equals(leaderId)) {
      reply(in.call(), new Outcome.StaleEpoch("epoch " + join.epoch() + " is stale"));
      return;
    }
    Runnable answer = () -> reply(in.call(), new Outcome.JoinedEpoch(joined()));
    if (join.epoch() > log.epoch() || role != Role.FOLLOWER) {
      enterEpoch(join.epoch(), join.leader(), in.call(), answer);
    } else {
      answer.run();
    }
  }

  private void append(Input.Append in) {
    Messages.Append append = in.append();
    if (append.epoch() < log.epoch()
        || append.epoch() == log.epoch() && leaderId != null && leaderId != append.leader()) {
      appended(in.call(), false, 0);
      return;
    }
    if (append.epoch() > log.epoch() || role != Role.FOLLOWER) {
      enterEpoch(append.epoch(), append.leader(), in.call(), () -> accept(in));
    } else {
      accept(in);
    }
  }

  /** An append from the current epoch's leader. */
  private void accept(Input.Append in) {
    Messages.Append append = in.append();
    leaderContact = now;
    leaderCommitSeen = Math.max(leaderCommitSeen, append.commitNumber());
    if (!aligned) {
      stage(in);
      return;
    }
    if (append.from() > log.last() + 1) {
      appended(in.call(), false, log.last() + 1);
      return;
    }
    // In one epoch our log is a prefix of the leader's: skip what we hold already.
    List<Entry> fresh = append.entries().stream().filter(e -> e.number() > log.last()).toList();
    if (fresh.isEmpty()) {
      log.raiseCommit(append.commitNumber());
      appended(in.call(), true, 0);
      return;
    }
    long last = log.last() + fresh.size();
    long commit = Math.max(log.commit(), Math.min(append.commitNumber(), last));
    persist(new Write.AppendEntries(fresh, commit), () -> {
      log.append(fresh);
      log.writtenThrough(last);
      log.raiseCommit(commit);
      log.commitWritten(commit);
      appended(in.call(), true, 0);
    }, error -> reply(in.call(), new Outcome.DiskFault(id)));
  }

  /**
   * Catch-up of a follower that has not yet followed this leader: see {@link Staging}. Until the
   * swap it answers needFrom and is not counted towards any commit.
   */
  private void stage(Input.Append in) {
    Messages.Append append = in.append();
    long missing = staging.offer(append, log.commit());
    if (missing > 0) {
      appended(in.call(), false, missing);
      return;
    }
    long from = staging.from();
    List<Entry> swap = staging.entries();
    long commit = Math.min(Math.max(log.commit(), append.commitNumber()), from - 1 + swap.size());
    persist(new Write.ReplaceFrom(from, swap, append.epoch(), commit), () -> {
      log.replaceFrom(from, swap, append.epoch(), commit);
      staging.clear();
      aligned = true;
      note(Effect.Level.INFO, "caught up with leader " + append.leader() + " at order " + log.last());
      appended(in.call(), true, 0);
    }, error -> reply(in.call(), new Outcome.DiskFault(id)));
  }

  private void appended(Call call, boolean ok, long needFrom) {
    reply(call, new Outcome.AppendAnswered(new Messages.Appended(ok, log.epoch(), log.last(), needFrom)));
  }

  // ---------------------------------------------------------------- orders (leader)

  /**
   * Places an order exactly once per key: an existing key answers with its order, a concurrent retry
   * joins the first attempt, anything else is bought from the catalog with the key.
   */
  private void place(Input.Place in) {
    Messages.PlaceOrder order = in.order();
    Outcome refused = role != Role.LEADER ? new Outcome.NotLeader("not the leader")
        : !aligned ? new Outcome.CatchingUp()
        : reconciliation.settling(order.key()) ? new Outcome.Settling() : null;
    if (refused != null) {
      reply(in.call(), refused);
      return;
    }
    Long existing = log.numberOf(order.key());
    Attempt attempt = inFlight.get(order.key());
    if (existing != null) {
      if (!sameOrder(log.get(existing), order)) {
        reply(in.call(), new Outcome.KeyReused());
      } else if (existing <= log.commit()) {
        placed(new Waiter(in.call(), order, null), log.get(existing));
      } else {
        commitWaiters.computeIfAbsent(existing, n -> new ArrayList<>()).add(new Waiter(in.call(), order, null));
      }
    } else if (attempt != null) {
      attempt.waiters.add(new Waiter(in.call(), order, null));
    } else {
      attempt = new Attempt(order.key(), log.epoch(), order.quantity());
      attempt.waiters.add(new Waiter(in.call(), order, null));
      inFlight.put(order.key(), attempt);
      out.add(new Effect.Buy(new Purchase(order.name(), order.quantity(), order.key(), log.epoch())));
    }
  }

  private static boolean sameOrder(Entry entry, Messages.PlaceOrder order) {
    return entry.name().equalsIgnoreCase(order.name()) && entry.quantity() == order.quantity();
  }

  private void placed(Waiter waiter, Entry entry) {
    if (!sameOrder(entry, waiter.order())) {
      reply(waiter.call(), new Outcome.KeyReused());
      return;
    }
    note(Effect.Level.INFO, "order " + entry.number() + " committed: " + entry.quantity() + " x " + entry.name());
    reply(waiter.call(), new Outcome.Placed(
        new Messages.OrderPlaced(entry.number(), entry.name(), entry.quantity(), waiter.item())));
  }

  /** The attempt this purchase was made for, still waiting for the catalog; null for an earlier one's. */
  private Attempt attemptOf(Purchase purchase) {
    Attempt attempt = inFlight.get(purchase.key());
    return attempt != null && attempt.epoch == purchase.epoch() && attempt.purchase == null ? attempt : null;
  }

  private void buyFailed(Input.BuyFailed in) {
    Attempt attempt = attemptOf(in.purchase());
    if (in.failure() == Input.CatalogFailure.DEPOSED && isCurrent(in.purchase().epoch())) {
      stepDown("the catalog knows a newer epoch than " + in.purchase().epoch());
    }
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
    attempt.waiters.forEach(w -> reply(w.call(), outcome));
  }

  /**
   * Group commit: everything bought while the last batch was being written is numbered, appended
   * in memory and sent to the followers as one batch, and written to this replica's disk at once.
   */
  private void startBatch() {
    if (writing != null || bought.isEmpty()) {
      return;
    }
    if (role != Role.LEADER || !aligned) {
      while (!bought.isEmpty()) {
        fail(bought.poll(), new Outcome.NotLeader(MOVED));
      }
      return;
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    long number = log.last();
    while (!bought.isEmpty() && entries.size() < MAX_BATCH) {
      Attempt a = bought.poll();
      // Taken under an older epoch (this replica stepped down and was elected again meanwhile), or a
      // second attempt with a key already in the log: a key enters the log once. Retrying finds it.
      if (a.epoch != log.epoch() || log.numberOf(a.key) != null || !keys.add(a.key)) {
        fail(a, new Outcome.Retry("the order was taken by an earlier leadership; retry"));
        continue;
      }
      Entry entry = new Entry(++number, a.purchase.item().name(), a.quantity, a.key, log.epoch());
      entries.add(entry);
      List<Waiter> waiting = commitWaiters.computeIfAbsent(entry.number(), n -> new ArrayList<>());
      a.waiters.forEach(w -> waiting.add(new Waiter(w.call(), w.order(), a.purchase.item())));
      a.waiters.clear();
    }
    if (entries.isEmpty()) {
      return;
    }
    log.append(entries);
    long through = number;
    long commit = Math.max(log.persistedCommit(), Math.min(log.commit(), through));
    persist(new Write.AppendEntries(List.copyOf(entries), commit), () -> {
      log.writtenThrough(through);
      log.commitWritten(commit);
      advanceCommit();
    }, error -> log.truncate(log.durable()));
  }

  /** Raises the commit number to what a majority holds on disk and answers the waiters. */
  private void advanceCommit() {
    if (role != Role.LEADER || !replicating) {
      return;
    }
    List<Long> held = new ArrayList<>();
    held.add(log.durable());
    peers.values().forEach(p -> held.add(p.match));
    held.sort(Comparator.reverseOrder());
    long majorityHolds = held.get(majority - 1);
    if (majorityHolds <= log.commit()) {
      return;
    }
    log.raiseCommit(majorityHolds);
    SortedMap<Long, List<Waiter>> due = commitWaiters.headMap(log.commit(), true);
    for (Map.Entry<Long, List<Waiter>> waiting : due.entrySet()) {
      Entry entry = log.get(waiting.getKey());
      waiting.getValue().forEach(w -> placed(w, entry));
      inFlight.remove(entry.key());
    }
    due.clear();
  }

  // ---------------------------------------------------------------- replication (leader)

  /** Per follower: send what it lacks, or a heartbeat, one request at a time. */
  private void replicate() {
    if (role != Role.LEADER || !replicating) {
      return;
    }
    for (Peer peer : peers.values()) {
      if (peer.sendId != 0 || now < peer.retryAt) {
        continue;
      }
      long next = peer.next == 0 ? log.last() + 1 : Math.min(peer.next, log.last() + 1);
      boolean behind = next <= log.last();
      boolean heartbeatDue = peer.lastSent == null || now - peer.lastSent >= timing.heartbeat().toNanos();
      // Followers learn of commits at once, so a follower left alone can still vouch for them.
      boolean commitNews = log.commit() > peer.lastSentCommit;
      if (!behind && !heartbeatDue && !commitNews) {
        continue;
      }
      peer.request = new Messages.Append(log.epoch(), id, next, log.range(next, timing.maxEntriesPerAppend()),
          log.commit(), epochStart);
      peer.lastSent = now;
      peer.lastSentCommit = log.commit();
      peer.sendId = send(peer.id, new PeerRequest.Append(peer.request));
    }
  }

  private void answered(int from, long sendId, Input.PeerAnswer answer, String why) {
    Peer peer = peers.get(from);
    if (peer == null) {
      return;
    }
    if (peer.sendId == sendId) {
      Messages.Append request = peer.request;
      peer.sendId = 0;
      peer.request = null;
      if (answer instanceof Input.AppendReply reply) {
        peer.problem = null;
        onAppended(peer, request, reply.appended());
      } else {
        unreachable(peer, why != null ? why : "unexpected answer");
      }
      return;
    }
    ViewChange vc = viewChange;
    if (vc != null && vc.phase == ViewChange.Phase.JOINING && Objects.equals(vc.asked.get(from), sendId)) {
      vc.asked.remove(from);
      if (answer instanceof Input.JoinAccepted accepted) {
        vc.joined.put(from, accepted.joined());
      } else {
        String reason = answer instanceof Input.JoinRefused refused ? refused.why() : why;
        note(Effect.Level.INFO, "peer " + from + " did not join epoch " + vc.epoch + ": " + reason);
      }
    } else if (vc != null && vc.phase == ViewChange.Phase.FETCHING && vc.fetchSendId == sendId) {
      fetched(vc, from, answer, why);
    }
  }

  private void unreachable(Peer peer, String problem) {
    String why = String.valueOf(problem);
    // A peer that is down is expected; say so once per kind of problem, not ten times a second.
    if (!why.equals(peer.problem)) {
      peer.problem = why;
      note(Effect.Level.INFO, "cannot replicate to replica " + peer.id + ": " + why);
    }
    noteQuorum();
    peer.retryAt = now + timing.retryPeer().toNanos();
  }

  private void onAppended(Peer peer, Messages.Append request, Messages.Appended reply) {
    if (!isCurrent(request.epoch())) {
      return;
    }
    if (reply.epoch() > request.epoch()) {
      stepDown("replica " + peer.id + " is in epoch " + reply.epoch());
      return;
    }
    peer.lastContact = now;
    noteQuorum();
    if (reply.ok()) {
      peer.match = Math.max(peer.match, request.from() + request.entries().size() - 1);
      peer.next = peer.match + 1;
      advanceCommit();
    } else if (reply.needFrom() > 0) {
      peer.next = reply.needFrom();
    }
  }

  /** Says once when this leader loses its majority and once when it has it again. */
  private void noteQuorum() {
    boolean lost = role == Role.LEADER && aligned && !majorityHeardWithin(timing.quorumWindow(), now);
    if (lost != quorumLost) {
      quorumLost = lost;
      if (lost) {
        note(Effect.Level.WARN, "leader of epoch " + log.epoch() + " cannot reach a majority of replicas");
      } else {
        note(Effect.Level.INFO, "reaches a majority of replicas again");
      }
    }
  }

  private boolean majorityHeardWithin(Duration window, long at) {
    long recent = peers.values().stream().filter(p -> p.heardWithin(at, window.toNanos())).count();
    return recent + 1 >= majority;
  }

  // ---------------------------------------------------------------- purchases nobody ordered (leader)

  private void reconcile() {
    if (reconciliation.busy() || now < reconciliation.nextAt) {
      return;
    }
    reconciliation.nextAt = now + timing.reconcileEvery().toNanos();
    if (role != Role.LEADER || !aligned) {
      return;
    }
    Settlement settlement = reconciliation.unconfirmed;
    if (settlement != null && !isCurrent(settlement.epoch())) {
      // Sent under an earlier epoch: the catalog refuses it once it has seen a newer one (every
      // claim of those purchases since buys at the newer epoch), so it is not ours to resend.
      reconciliation.forget(settlement);
      settlement = null;
    }
    if (settlement != null) {
      reconciliation.sending = settlement;
      out.add(new Effect.Settle(settlement));
    } else {
      reconciliation.listing = true;
      out.add(new Effect.ListUnsettled());
    }
  }

  private void unsettled(List<Purchase> old) {
    if (!reconciliation.listing) {
      return;
    }
    reconciliation.listing = false;
    if (old.isEmpty() || role != Role.LEADER || !aligned) {
      return;
    }
    reconciliation.sending = reconciliation.sort(old, log.epoch(), log, inFlight::containsKey);
    out.add(new Effect.Settle(reconciliation.sending));
  }

  private void settled(Settlement settlement, Input.CatalogFailure failure) {
    if (!settlement.equals(reconciliation.sending)) {
      return;
    }
    reconciliation.sending = null;
    if (failure == Input.CatalogFailure.NO_REPLY && isCurrent(settlement.epoch())) {
      // No reply: it may still be applied, so its keys stay blocked until it is confirmed.
      reconciliation.unconfirmed = settlement;
      note(Effect.Level.INFO, "reconciliation postponed: the catalog did not answer");
      return;
    }
    // Applied, or refused (a newer epoch fenced this leader, or it is malformed): nothing changed.
    reconciliation.forget(settlement);
    if (failure == Input.CatalogFailure.DEPOSED && isCurrent(settlement.epoch())) {
      stepDown("the catalog knows a newer epoch than " + settlement.epoch());
    }
    if (failure != null) {
      note(Effect.Level.INFO, "reconciliation postponed: the catalog " + (failure == Input.CatalogFailure.NO_REPLY
          ? "did not answer" : "refused the settlement"));
    } else if (!settlement.orphaned().isEmpty()) {
      note(Effect.Level.INFO, "gave back the stock of " + settlement.orphaned().size()
          + " purchases that never became orders");
    }
  }

  // ---------------------------------------------------------------- effects

  private long send(int to, PeerRequest request) {
    long sendId = nextSendId++;
    out.add(new Effect.Send(to, sendId, request));
    return sendId;
  }

  private void reply(Call call, Outcome outcome) {
    out.add(new Effect.Reply(call, outcome));
  }

  private void note(Effect.Level level, String message) {
    out.add(new Effect.Note(level, "replica " + id + ": " + message));
  }

  // ---------------------------------------------------------------- reads (changing nothing)

  /**
   * A committed order, or why it cannot be given. Any replica answers for numbers it knows
   * committed; only a leader that heard from a majority just now may say a number does not exist.
   */
  public Outcome read(long number, long now) {
    if (number >= 1 && number <= log.commit()) {
      Entry e = log.get(number);
      return new Outcome.Found(new Order(e.number(), e.name(), e.quantity()));
    }
    if (role != Role.LEADER) {
      return new Outcome.NotLeader("not the leader");
    }
    if (aligned && majorityHeardWithin(timing.readConfirmation(), now)) {
      return new Outcome.NotFound();
    }
    return new Outcome.NoMajority("cannot confirm the order without a majority of replicas");
  }

  /** Up to {@code max} entries of the log (committed or not) from {@code from} on. */
  public Messages.LogPage logPage(long from, int max) {
    return new Messages.LogPage(log.range(Math.max(from, 1), max), log.commit(), log.last());
  }

  public ReplicaView view(long now) {
    Map<Integer, Long> followerLag = new TreeMap<>();
    if (role == Role.LEADER && replicating) {
      peers.values().forEach(p -> followerLag.put(p.id, Math.max(0, log.last() - p.match)));
    }
    Long ownLag = role == Role.FOLLOWER && leaderCommitSeen >= 0 ? Math.max(0, leaderCommitSeen - log.commit()) : null;
    // Leader: a majority answered within the quorum window. Follower: its leader's appends keep arriving.
    boolean quorum = role == Role.LEADER ? majorityHeardWithin(timing.quorumWindow(), now)
        : role == Role.FOLLOWER && leaderContact != null && now - leaderContact < timing.quorumWindow().toNanos();
    return new ReplicaView(id, role, aligned, log.epoch(), log.lastNormalEpoch(), log.commit(), log.last(),
        log.durable(), leaderId, quorum, fault, ownLag, Collections.unmodifiableMap(followerLag));
  }

  /** The chained digest of the log up to {@code number} (equal on two replicas exactly when their logs are). */
  public String digestAt(long number) {
    return log.digestAt(number);
  }

  /** Entry {@code number} of the log (committed or not), or null. */
  public Entry entry(long number) {
    return log.get(number);
  }
}
