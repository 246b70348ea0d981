package toystore.order.protocol;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import toystore.client.ReplicaAddress;
import toystore.model.Order;
import toystore.model.Role;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

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
 *
 * <p>This class holds the replica's state, the disk discipline, epochs and the follower side; its
 * parts hold the rest: {@link Candidate} (view change), {@link Orders} (taking orders, group
 * commit), {@link Replication} (appends to followers) and {@link Reconciliation} (orphaned purchases).
 */
public final class Replica {
  /** How often a commit number that moved is written on its own when no other write carries it. */
  private static final long FLUSH_EVERY = Duration.ofMillis(200).toNanos();

  // Package-private: the parts below (candidate, orders, replication, reconciliation) share them.
  final int id;
  final int majority;
  final Timing timing;
  final Log log;
  final Map<Integer, Peer> peers = new TreeMap<>();
  final Candidate candidate = new Candidate(this);
  final Orders orders = new Orders(this);
  final Replication replication = new Replication(this);
  final Reconciliation reconciliation;
  Role role;
  Integer leaderId;
  /** Follower: its log follows the current epoch's leader. Leader: it may accept orders. */
  boolean aligned;
  /**
   * Leader: its log is the adopted one of this epoch, so it may send it. Before that, sending would
   * let a follower mark an incomplete log as belonging to this epoch.
   */
  boolean replicating;
  /** Leader: the last number of the log it adopted when its epoch began. */
  long epochStart;
  /** The time of the input being handled. */
  long now;
  /** The one write on its way to disk, or null. */
  PendingWrite writing;
  private final Staging staging = new Staging();
  private final ArrayDeque<Input> deferred = new ArrayDeque<>();
  /** Follower: when its leader's last append arrived, or null. */
  private Long leaderContact;
  /** The highest commit number a leader has sent this replica, -1 before any: for its lag (metrics only). */
  private long leaderCommitSeen = -1;
  /** The last disk write's error while writes fail, else null. */
  private String fault;
  private long nextSendId = 1;
  private long nextWriteId = 1;
  private long nextFlushAt;
  private long nextDiskRetryAt;
  private List<Effect> out = new ArrayList<>();

  public Replica(int id, List<Integer> peers, Restored restored, Timing timing, long now) {
    this.id = id;
    this.majority = ReplicaAddress.majority(peers.size() + 1);
    this.timing = timing;
    this.log = new Log(restored);
    peers.stream().sorted().forEach(p -> this.peers.put(p, new Peer(p)));
    this.reconciliation = new Reconciliation(this, now + timing.reconcileEvery().toNanos());
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
    candidate.advance();
    orders.startBatch();
    replication.replicate();
    candidate.fenceCatalog();
    reconciliation.reconcile();
    flushCommit();
    retryDisk();
    List<Effect> effects = out;
    out = new ArrayList<>();
    return effects;
  }

  private void dispatch(Input input) {
    if (input instanceof Input.Lead in) {
      candidate.lead(in);
    } else if (input instanceof Input.Join in) {
      join(in);
    } else if (input instanceof Input.Append in) {
      append(in);
    } else if (input instanceof Input.Place in) {
      orders.place(in);
    } else if (input instanceof Input.Answered in) {
      replication.answered(in.peer(), in.sendId(), in.answer(), null);
    } else if (input instanceof Input.Unanswered in) {
      replication.answered(in.peer(), in.sendId(), null, in.why());
    } else if (input instanceof Input.Persisted in) {
      written(in.writeId(), null);
    } else if (input instanceof Input.PersistFailed in) {
      written(in.writeId(), String.valueOf(in.error()));
    } else if (input instanceof Input.Bought in) {
      orders.bought(in);
    } else if (input instanceof Input.BuyFailed in) {
      orders.buyFailed(in);
    } else if (input instanceof Input.CatalogFenced in) {
      candidate.fenced(in.epoch(), null);
    } else if (input instanceof Input.CatalogFenceFailed in) {
      candidate.fenced(in.epoch(), String.valueOf(in.why()));
    } else if (input instanceof Input.Unsettled in) {
      reconciliation.unsettled(in.listing());
    } else if (input instanceof Input.UnsettledFailed in) {
      reconciliation.listing = false;
      note(Effect.Level.INFO, "reconciliation postponed: " + in.why());
    } else if (input instanceof Input.Settled in) {
      reconciliation.settled(in.settlement(), null);
    } else if (input instanceof Input.SettleFailed in) {
      reconciliation.settled(in.settlement(), in.failure());
    }
    // A Tick only lets the timers below handle() fire.
  }

  // ---------------------------------------------------------------- disk

  void persist(Write write, Runnable done, Consumer<String> failed) {
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
    nextDiskRetryAt = now + timing.diskRetry().toNanos();
    if (role == Role.LEADER) {
      stepDown("disk fault");
    }
  }

  /** Lazy by design: a lower commit number on disk after a crash only means vouching for less. */
  private void flushCommit() {
    if (writing != null || !deferred.isEmpty() || orders.waiting() || now < nextFlushAt) {
      return;
    }
    nextFlushAt = now + FLUSH_EVERY;
    long commit = Math.min(log.commit(), log.durable());
    if (commit > log.persistedCommit()) {
      persist(new Write.SetCommit(commit), () -> log.commitWritten(commit), error -> { });
    }
  }

  /**
   * A replica whose write failed is never asked to lead, and with no leader nothing else writes to
   * it: so it tries a harmless write (the commit number it has on disk) now and then, and the first
   * that works ends the fault. Without this, disks that all failed once would block every election.
   */
  private void retryDisk() {
    if (fault == null || writing != null || !deferred.isEmpty() || now < nextDiskRetryAt) {
      return;
    }
    nextDiskRetryAt = now + timing.diskRetry().toNanos();
    persist(new Write.SetCommit(log.persistedCommit()), () -> { }, error -> { });
  }

  // ---------------------------------------------------------------- epochs

  /** Moves to {@code epoch} under {@code leader} (disk first), then {@code then}; DiskFault to {@code call} if it cannot. */
  void enterEpoch(long epoch, int leader, Call call, Runnable then) {
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
  void stepDown(String why) {
    note(Effect.Level.INFO, "no longer leader (" + why + ")");
    boolean leading = role == Role.LEADER;
    role = null;
    aligned = false;
    replicating = false;
    // What the followers held was this epoch's; the next leadership learns it afresh.
    peers.values().forEach(Peer::forgetProgress);
    orders.lost(leading);
    candidate.superseded();
  }

  boolean isCurrent(long epoch) {
    return log.epoch() == epoch && role == Role.LEADER;
  }

  Messages.Joined joined() {
    return new Messages.Joined(log.lastNormalEpoch(), log.last(), log.commit());
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
    if (!aligned && log.lastNormalEpoch() == append.epoch()) {
      // Restarted in the epoch its log already follows: all it holds came from this leader, and
      // staging would swap away entries it acknowledged above its (lazily written) commit number.
      aligned = true;
    }
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

  // ---------------------------------------------------------------- effects

  void emit(Effect effect) {
    out.add(effect);
  }

  long send(int to, PeerRequest request) {
    long sendId = nextSendId++;
    out.add(new Effect.Send(to, sendId, request));
    return sendId;
  }

  void reply(Call call, Outcome outcome) {
    out.add(new Effect.Reply(call, outcome));
  }

  void note(Effect.Level level, String message) {
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
    if (aligned && replication.majorityHeardWithin(timing.readConfirmation(), now)) {
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
    boolean quorum = role == Role.LEADER ? replication.majorityHeardWithin(timing.quorumWindow(), now)
        : role == Role.FOLLOWER && leaderContact != null && now - leaderContact < timing.quorumWindow().toNanos();
    return new ReplicaView(id, role, aligned, log.epoch(), log.lastNormalEpoch(), log.commit(), log.last(),
        log.durable(), leaderId, quorum, fault, ownLag, Collections.unmodifiableMap(followerLag));
  }

  /** The view changes this replica led, oldest first: the last few, finished ones only. */
  public List<ViewChangeRecord> viewChanges() {
    return candidate.history();
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
