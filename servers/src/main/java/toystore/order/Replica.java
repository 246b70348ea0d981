package toystore.order;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.CatalogClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;
import toystore.client.ApiException;
import toystore.http.HttpError;
import toystore.model.Order;
import toystore.model.ReplicaHealth;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * One order replica: the replication state machine of docs/DESIGN.md (Viewstamped-Replication
 * style, coordinated by the frontend). As leader it numbers orders, buys from the catalog with the
 * idempotency key, appends in batches and acknowledges once a majority holds an order on disk. As
 * follower it accepts entries only from the leader of its current epoch.
 *
 * <p>All state is guarded by {@link #lock}; network calls are made without holding it.
 */
final class Replica implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Replica.class);
  static final int MAX_ENTRIES_PER_APPEND = 500;
  static final Duration HEARTBEAT = Duration.ofMillis(100);
  /** How recently a majority must have answered for the leader to say an order does not exist. */
  static final Duration READ_CONFIRMATION = Duration.ofSeconds(1);
  static final Duration COMMIT_WAIT = Duration.ofSeconds(3);
  static final Duration JOIN_WAIT = Duration.ofSeconds(1);
  /**
   * A leader that has not heard from a majority (itself included) for this long says so in its
   * health, so the frontend moves leadership to a replica that can; heartbeats go every 100 ms.
   */
  static final Duration QUORUM_WINDOW = Duration.ofMillis(800);
  static final Duration REREPLICATION_WAIT = Duration.ofSeconds(2);
  /**
   * A purchase this old with no order is orphaned: its order can no longer be placed, so the leader
   * gives its stock back. An order is placed within the frontend's retry deadline (5 s by default)
   * plus one commit wait (3 s); the rest is margin. A client that retries its key even later buys
   * afresh, which keeps the stock exact. Together with {@link #RECONCILE_EVERY} this settles stock
   * within the 15 s that docs/API.md §3.4 allows.
   */
  static final Duration ORPHAN_AGE = Duration.ofSeconds(10);
  static final Duration RECONCILE_EVERY = Duration.ofSeconds(1);
  static final Duration FENCE_RETRY = Duration.ofMillis(200);

  enum Role { LEADER, FOLLOWER }

  /** An order bought and waiting for the batcher; it belongs to the epoch it was taken in. */
  private record PendingOrder(String name, int quantity, String key, long epoch, PurchaseResult purchase,
                              CompletableFuture<Messages.OrderPlaced> placed) {}

  private final int id;
  private final OrderLog orderLog;
  private final List<ReplicaClient> peers;
  private final int majority;
  private final CatalogClient catalog;
  private final BatchMetrics batches;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
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
  /**
   * Follower, not yet aligned: the leader's entries received so far, from {@code stagingFrom} on.
   * They replace our tail in one transaction once they reach the leader's epoch start, so that a
   * log marked with an epoch always holds everything committed before it (VR's StartView, in pages).
   */
  private final List<Entry> staging = new ArrayList<>();
  private long stagingEpoch;
  private long stagingFrom;
  private final Map<Integer, Long> nextNumber = new HashMap<>();
  private final Map<Integer, Long> matchNumber = new HashMap<>();
  private final Map<Integer, Long> lastContactNanos = new HashMap<>();
  /** Follower: when its leader's last append arrived. */
  private long leaderContactNanos;
  /** The highest commit number a leader has sent this replica, -1 before any: for its lag (metrics only). */
  private long leaderCommitSeen = -1;
  /** Leader: whether it said it lost its majority, so that it says so once, not every heartbeat. */
  private boolean quorumLost;
  /** The last disk write's error while writes fail, else null; reported in the health check. */
  private String fault;
  /**
   * A settlement whose reply never came: it may or may not have been applied, so its keys stay
   * blocked and it is sent again (it is idempotent) before anything else is settled.
   */
  private Settlement unconfirmedSettlement;
  private final TreeMap<Long, List<CompletableFuture<Entry>>> commitWaiters = new TreeMap<>();
  private final Map<String, CompletableFuture<Messages.OrderPlaced>> inFlight = new HashMap<>();
  /** Keys whose purchase is being settled with the catalog: an order for one waits until it is done. */
  private final Set<String> settling = new HashSet<>();
  private final BlockingQueue<PendingOrder> toAppend = new LinkedBlockingQueue<>();
  private final ExecutorService threads;
  private volatile boolean running = true;

  Replica(int id, OrderLog orderLog, List<ReplicaClient> peers, int clusterSize, CatalogClient catalog,
          BatchMetrics batches) {
    this.id = id;
    this.orderLog = orderLog;
    this.peers = List.copyOf(peers);
    this.majority = ReplicaAddress.majority(clusterSize);
    this.catalog = catalog;
    this.batches = batches;
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "replica-" + id + "-worker");
      t.setDaemon(true);
      return t;
    });
    threads.submit(this::appendBatches);
    threads.submit(this::reconcileOrphans);
    for (ReplicaClient peer : this.peers) {
      threads.submit(() -> replicateTo(peer));
    }
  }

  // ---------------------------------------------------------------- leader change

  /**
   * Becomes leader of {@code epoch}: fences the peers, adopts the most complete log of a majority,
   * re-replicates it to a majority, and only then accepts orders.
   *
   * @throws HttpError 409 for a stale epoch, 503 when no majority can be reached in time
   */
  void lead(long epoch) throws Exception {
    Messages.Joined mine;
    lock.lock();
    try {
      if (epoch <= orderLog.epoch()) {
        throw new HttpError(409, "epoch " + epoch + " is not newer than " + orderLog.epoch());
      }
      try {
        enterEpoch(epoch, id);
      } catch (SQLException e) {
        throw diskFault(e);
      }
      mine = new Messages.Joined(orderLog.lastNormalEpoch(), orderLog.lastNumber(), orderLog.commitNumber());
    } finally {
      lock.unlock();
    }
    log.info("replica {}: leading epoch {}, fencing peers", id, epoch);

    Map<ReplicaClient, Messages.Joined> joined = joinPeers(epoch);
    if (joined.size() + 1 < majority) {
      giveUp(epoch);
      throw new HttpError(503, "no majority of replicas reachable");
    }
    // Only now: had this candidate failed, its fence would have shut out a leader still in office.
    fenceCatalog(epoch);
    ReplicaClient best = null;
    Messages.Joined bestLog = mine;
    Comparator<Messages.Joined> completeness = Comparator
        .comparingLong(Messages.Joined::lastNormalEpoch).thenComparingLong(Messages.Joined::lastNumber);
    for (Map.Entry<ReplicaClient, Messages.Joined> j : joined.entrySet()) {
      if (completeness.compare(j.getValue(), bestLog) > 0) {
        best = j.getKey();
        bestLog = j.getValue();
      }
    }
    if (best != null) {
      adoptLogOf(best, mine.commitNumber() + 1, bestLog.lastNumber(), epoch);
    }

    long adoptedLast;
    lock.lock();
    try {
      requireEpoch(epoch);
      if (orderLog.lastNormalEpoch() != epoch) {
        try {
          orderLog.setLastNormalEpoch(epoch);
          diskWorks();
        } catch (SQLException e) {
          throw diskFault(e);
        }
      }
      adoptedLast = orderLog.lastNumber();
      epochStart = adoptedLast;
      replicating = true;
      for (ReplicaClient peer : peers) {
        Messages.Joined theirs = joined.get(peer);
        nextNumber.put(peer.address().id(), theirs == null ? adoptedLast + 1 : theirs.commitNumber() + 1);
        matchNumber.put(peer.address().id(), 0L);
      }
      advanceCommit();
      changed.signalAll();
      long deadline = System.nanoTime() + REREPLICATION_WAIT.toNanos();
      while (orderLog.commitNumber() < adoptedLast && isCurrent(epoch)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new HttpError(503, "could not re-replicate the log to a majority");
        }
        changed.awaitNanos(left);
      }
      requireEpoch(epoch);
      aligned = true;
      log.info("replica {}: leader of epoch {} with {} orders committed", id, epoch, orderLog.commitNumber());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks every peer to join {@code epoch} and returns as soon as enough have joined for a majority
   * (any majority holds every committed entry), or when all have answered, or after {@link #JOIN_WAIT}:
   * a peer cut off or frozen must not hold up the view change. Late joiners catch up like any follower.
   */
  private Map<ReplicaClient, Messages.Joined> joinPeers(long epoch) throws InterruptedException {
    Map<ReplicaClient, Messages.Joined> joined = new ConcurrentHashMap<>();
    int needed = majority - 1;
    CountDownLatch settled = new CountDownLatch(peers.size());
    for (ReplicaClient peer : peers) {
      threads.submit(() -> {
        try {
          joined.put(peer, peer.join(new Messages.Join(epoch, id)));
        } catch (IOException e) {
          log.info("replica {}: peer {} did not join epoch {}: {}", id, peer.address().id(), epoch, e.getMessage());
        } finally {
          settled.countDown();
        }
      });
    }
    long deadline = System.nanoTime() + JOIN_WAIT.toNanos();
    while (joined.size() < needed && settled.getCount() > 0 && System.nanoTime() < deadline) {
      settled.await(10, TimeUnit.MILLISECONDS);
    }
    return Map.copyOf(joined);
  }

  /**
   * Tells the catalog the new epoch before this leader's first purchase, so a deposed leader that
   * wakes up can no longer buy or give stock back there. In the background: a catalog that is down
   * must not hold up the view change, and every purchase carries the epoch anyway.
   */
  private void fenceCatalog(long epoch) {
    threads.submit(() -> {
      boolean said = false;
      while (running && leads(epoch)) {
        try {
          catalog.fence(epoch);
          return;
        } catch (IOException e) {
          if (!said) {
            log.info("replica {}: could not fence the catalog at epoch {} yet ({}); retrying", id, epoch,
                e.getMessage());
            said = true;
          }
          pause(FENCE_RETRY);
        }
      }
    });
  }

  private boolean leads(long epoch) {
    lock.lock();
    try {
      return isCurrent(epoch);
    } finally {
      lock.unlock();
    }
  }

  /** Copies the committed-or-not tail of {@code source}'s log over this replica's uncommitted tail. */
  private void adoptLogOf(ReplicaClient source, long from, long through, long epoch) throws IOException {
    List<Entry> fetched = new ArrayList<>();
    long next = from;
    while (next <= through) {
      Messages.LogPage page = source.log(next);
      List<Entry> useful = page.entries().stream().filter(e -> e.number() <= through).toList();
      if (useful.isEmpty()) {
        throw new HttpError(503, "replica " + source.address().id() + " no longer has its log");
      }
      fetched.addAll(useful);
      next = useful.get(useful.size() - 1).number() + 1;
    }
    lock.lock();
    try {
      requireEpoch(epoch);
      try {
        orderLog.replaceFrom(from, fetched, epoch, orderLog.commitNumber());
        diskWorks();
      } catch (SQLException e) {
        throw diskFault(e);
      }
      log.info("replica {}: adopted orders {}..{} from replica {}", id, from, through, source.address().id());
    } finally {
      lock.unlock();
    }
  }

  private void giveUp(long epoch) {
    lock.lock();
    try {
      if (isCurrent(epoch)) {
        role = null;
        leaderId = null;
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean isCurrent(long epoch) {
    return orderLog.epoch() == epoch && role == Role.LEADER;
  }

  private void requireEpoch(long epoch) {
    if (!isCurrent(epoch)) {
      throw new HttpError(409, "epoch " + epoch + " was superseded");
    }
  }

  /** Moves to a newer epoch under {@code leader}: stops leading, forgets alignment. Lock held. */
  private void enterEpoch(long epoch, int leader) throws SQLException {
    if (role == Role.LEADER) {
      stepDown("epoch " + epoch + " began");
    }
    if (epoch > orderLog.epoch()) {
      orderLog.setEpoch(epoch);
      diskWorks();
    }
    leaderId = leader;
    role = leader == id ? Role.LEADER : Role.FOLLOWER;
    aligned = false;
    replicating = false;
    changed.signalAll();
  }

  /** Fails everything waiting on this leader; the frontend retries it on the next one. Lock held. */
  private void stepDown(String why) {
    log.info("replica {}: no longer leader ({})", id, why);
    role = null;
    aligned = false;
    replicating = false;
    // What the followers held was this epoch's; the next leadership learns it afresh.
    matchNumber.clear();
    nextNumber.clear();
    // Its batch not yet on disk is not its to vouch for in the next view change.
    orderLog.dropUnwritten();
    HttpError lost = new HttpError(421, "leadership moved; retry on the new leader");
    commitWaiters.values().forEach(list -> list.forEach(f -> f.completeExceptionally(lost)));
    commitWaiters.clear();
    inFlight.values().forEach(f -> f.completeExceptionally(lost));
    inFlight.clear();
  }

  /**
   * A write failed (disk full, I/O error): memory already matches the disk, the replica stops
   * leading, and says so in its health and log (once) until a write works again. Lock held.
   *
   * @return the reply for the caller: this replica holds nothing it could not store
   */
  private HttpError diskFault(SQLException e) {
    if (fault == null) {
      log.error("replica {}: cannot write to its database ({}); taking no writes until it works again", id,
          e.getMessage());
    }
    fault = String.valueOf(e.getMessage());
    if (role == Role.LEADER) {
      stepDown("disk fault");
    }
    return new HttpError(503, "replica " + id + " cannot write to its disk");
  }

  /** A write worked: the fault, if any, is over. Lock held. */
  private void diskWorks() {
    if (fault != null) {
      log.info("replica {}: its database takes writes again", id);
      fault = null;
    }
  }

  // ---------------------------------------------------------------- follower side

  Messages.Joined join(Messages.Join join) {
    lock.lock();
    try {
      if (join.epoch() < orderLog.epoch()
          || join.epoch() == orderLog.epoch() && !Integer.valueOf(join.leader()).equals(leaderId)) {
        throw new HttpError(409, "epoch " + join.epoch() + " is stale");
      }
      if (join.epoch() > orderLog.epoch() || role != Role.FOLLOWER) {
        try {
          enterEpoch(join.epoch(), join.leader());
        } catch (SQLException e) {
          throw diskFault(e);
        }
      }
      return new Messages.Joined(orderLog.lastNormalEpoch(), orderLog.lastNumber(), orderLog.commitNumber());
    } finally {
      lock.unlock();
    }
  }

  Messages.Appended append(Messages.Append append) {
    lock.lock();
    try {
      if (append.epoch() < orderLog.epoch()
          || append.epoch() == orderLog.epoch() && leaderId != null && leaderId != append.leader()) {
        return new Messages.Appended(false, orderLog.epoch(), orderLog.lastNumber(), 0);
      }
      try {
        return accept(append);
      } catch (SQLException e) {
        throw diskFault(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** An append from the current epoch's leader. Lock held. */
  private Messages.Appended accept(Messages.Append append) throws SQLException {
    if (append.epoch() > orderLog.epoch() || role != Role.FOLLOWER) {
      enterEpoch(append.epoch(), append.leader());
    }
    leaderContactNanos = System.nanoTime();
    leaderCommitSeen = Math.max(leaderCommitSeen, append.commitNumber());
    if (!aligned) {
      return stage(append);
    }
    if (append.from() > orderLog.lastNumber() + 1) {
      return new Messages.Appended(false, append.epoch(), orderLog.lastNumber(), orderLog.lastNumber() + 1);
    }
    // In one epoch our log is a prefix of the leader's: skip what we hold already.
    List<Entry> fresh = append.entries().stream().filter(e -> e.number() > orderLog.lastNumber()).toList();
    if (!fresh.isEmpty()) {
      long writeStarted = System.nanoTime();
      orderLog.append(fresh, append.commitNumber());
      diskWorks();
      batches.written(Role.FOLLOWER, fresh.size(), System.nanoTime() - writeStarted);
    } else {
      orderLog.setCommit(append.commitNumber());
    }
    return new Messages.Appended(true, append.epoch(), orderLog.lastNumber(), 0);
  }

  /**
   * Catch-up of a follower that has not yet followed this leader. Everything up to our commit number
   * is on the leader too and stays; above it the leader's entries are gathered (possibly over several
   * appends) and swapped in at once, never leaving a half-replaced log behind. Lock held.
   */
  private Messages.Appended stage(Messages.Append append) throws SQLException {
    long keepThrough = orderLog.commitNumber();
    boolean continuing = stagingEpoch == append.epoch() && append.from() <= stagingFrom + staging.size();
    if (!continuing) {
      staging.clear();
      stagingEpoch = append.epoch();
      stagingFrom = keepThrough + 1;
      if (append.from() > stagingFrom) {
        return new Messages.Appended(false, append.epoch(), orderLog.lastNumber(), stagingFrom);
      }
    }
    for (Entry e : append.entries()) {
      if (e.number() == stagingFrom + staging.size()) {
        staging.add(e);
      }
    }
    long stagedThrough = stagingFrom + staging.size() - 1;
    if (stagedThrough < append.epochStart()) {
      return new Messages.Appended(false, append.epoch(), orderLog.lastNumber(), stagedThrough + 1);
    }
    orderLog.replaceFrom(stagingFrom, List.copyOf(staging), append.epoch(), append.commitNumber());
    diskWorks();
    staging.clear();
    stagingEpoch = 0;
    aligned = true;
    log.info("replica {}: caught up with leader {} at order {}", id, append.leader(), orderLog.lastNumber());
    return new Messages.Appended(true, append.epoch(), orderLog.lastNumber(), 0);
  }

  // ---------------------------------------------------------------- orders (leader)

  /**
   * Places an order exactly once per key: an existing key answers with its order, a concurrent retry
   * joins the first attempt.
   */
  Messages.OrderPlaced placeOrder(Messages.PlaceOrder order) throws Exception {
    CompletableFuture<Messages.OrderPlaced> placed;
    boolean buy = false;
    long epoch;
    lock.lock();
    try {
      requireReadyLeader();
      epoch = orderLog.epoch();
      if (settling.contains(order.key())) {
        throw new HttpError(503, "this purchase is being settled; retry");
      }
      Long existing = orderLog.numberOfKey(order.key());
      if (existing != null) {
        Entry entry = orderLog.get(existing);
        requireSameOrder(entry.name(), entry.quantity(), order);
        placed = whenCommitted(existing).thenApply(e -> new Messages.OrderPlaced(e.number(), e.name(), e.quantity(), null));
      } else if (inFlight.containsKey(order.key())) {
        placed = inFlight.get(order.key());
      } else {
        placed = new CompletableFuture<>();
        inFlight.put(order.key(), placed);
        buy = true;
      }
    } finally {
      lock.unlock();
    }
    if (buy) {
      buyThenAppend(order, epoch, placed);
    }
    Messages.OrderPlaced result = await(placed, COMMIT_WAIT);
    if (!result.name().equalsIgnoreCase(order.name()) || result.quantity() != order.quantity()) {
      throw new HttpError(422, "idempotency key reused with a different order");
    }
    log.info("replica {}: order {} committed: {} x {}", id, result.number(), result.quantity(), result.name());
    return result;
  }

  private void buyThenAppend(Messages.PlaceOrder order, long epoch, CompletableFuture<Messages.OrderPlaced> placed) {
    try {
      PurchaseResult purchase = catalog.buy(new Purchase(order.name(), order.quantity(), order.key(), epoch));
      toAppend.add(new PendingOrder(purchase.item().name(), order.quantity(), order.key(), epoch, purchase, placed));
    } catch (ApiException e) {
      if (e.status() == 421) {
        deposedByCatalog(epoch);
        fail(order.key(), placed, new HttpError(421, "leadership moved; retry on the new leader"));
      } else {
        fail(order.key(), placed, e.status() < 500 ? new HttpError(e.status(), e.getMessage())
            : new HttpError(503, "catalog unavailable"));
      }
    } catch (IOException e) {
      fail(order.key(), placed, new HttpError(503, "catalog unavailable"));
    }
  }

  /** The catalog has seen a newer epoch than {@code epoch}: a newer leader exists. */
  private void deposedByCatalog(long epoch) {
    lock.lock();
    try {
      if (isCurrent(epoch)) {
        stepDown("the catalog knows a newer epoch than " + epoch);
      }
    } finally {
      lock.unlock();
    }
  }

  private void fail(String key, CompletableFuture<Messages.OrderPlaced> placed, HttpError error) {
    lock.lock();
    try {
      inFlight.remove(key, placed);
    } finally {
      lock.unlock();
    }
    placed.completeExceptionally(error);
  }

  private static void requireSameOrder(String name, int quantity, Messages.PlaceOrder order) {
    if (!name.equalsIgnoreCase(order.name()) || quantity != order.quantity()) {
      throw new HttpError(422, "idempotency key reused with a different order");
    }
  }

  private void requireReadyLeader() {
    if (role != Role.LEADER) {
      throw new HttpError(421, "not the leader");
    }
    if (!aligned) {
      throw new HttpError(503, "leader is still catching up");
    }
  }

  /**
   * The batcher: everything queued while the last batch was being written goes into the next one.
   * A batch goes to memory and to the replicators first, then to this replica's disk, so the leader's
   * write overlaps with the followers'; the leader counts towards a majority once it is on disk.
   */
  private void appendBatches() {
    while (running) {
      List<PendingOrder> batch = new ArrayList<>();
      try {
        PendingOrder first = toAppend.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          orderLog.flushCommit();
          continue;
        }
        batch.add(first);
        toAppend.drainTo(batch, 999);
      } catch (InterruptedException e) {
        return;
      } catch (SQLException e) {
        // Lazy by design (a lower commit number on disk only means vouching for less after a
        // crash), but a failing disk all the same.
        lock.lock();
        try {
          diskFault(e);
        } finally {
          lock.unlock();
        }
        continue;
      }
      Batch started = startBatch(batch);
      if (started == null) {
        continue;
      }
      try {
        long writeStarted = System.nanoTime();
        boolean written = orderLog.persist(started.entries(), started.generation());
        if (written) {
          batches.written(Role.LEADER, started.entries().size(), System.nanoTime() - writeStarted);
        }
        lock.lock();
        try {
          if (written) {
            diskWorks();
            advanceCommit();
          }
        } finally {
          lock.unlock();
        }
      } catch (SQLException e) {
        lock.lock();
        try {
          diskFault(e);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** A batch appended in memory under log generation {@code generation}, not yet on disk. */
  private record Batch(List<Entry> entries, long generation) {}

  /** Numbers the batch, appends it in memory, wakes the replicators; null when not leading. */
  private Batch startBatch(List<PendingOrder> batch) {
    lock.lock();
    try {
      if (role != Role.LEADER || !aligned) {
        HttpError lost = new HttpError(421, "leadership moved; retry on the new leader");
        batch.forEach(p -> fail(p.key(), p.placed(), lost));
        return null;
      }
      List<Entry> entries = new ArrayList<>();
      List<PendingOrder> taken = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      long number = orderLog.lastNumber();
      for (PendingOrder p : batch) {
        // Taken under an older epoch (this replica stepped down and was elected again meanwhile), or a
        // second attempt with a key already in the log: a key enters the log once. Retrying finds it.
        if (p.epoch() != orderLog.epoch() || orderLog.numberOfKey(p.key()) != null || !keys.add(p.key())) {
          fail(p.key(), p.placed(), new HttpError(503, "the order was taken by an earlier leadership; retry"));
          continue;
        }
        entries.add(new Entry(++number, p.name(), p.quantity(), p.key(), orderLog.epoch()));
        taken.add(p);
      }
      if (entries.isEmpty()) {
        return null;
      }
      orderLog.appendInMemory(entries);
      long generation = orderLog.generation();
      for (int i = 0; i < taken.size(); i++) {
        PendingOrder p = taken.get(i);
        whenCommitted(entries.get(i).number()).whenComplete((e, error) -> {
          if (error != null) {
            p.placed().completeExceptionally(error);
          } else {
            p.placed().complete(new Messages.OrderPlaced(e.number(), e.name(), e.quantity(), p.purchase().item()));
          }
        });
      }
      changed.signalAll();
      return new Batch(entries, generation);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stock conservation when buyers give up: purchases older than {@link #ORPHAN_AGE} whose key is
   * committed are settled; those whose key is nowhere in the log (nor in flight) get their stock back.
   */
  private void reconcileOrphans() {
    while (running) {
      pause(RECONCILE_EVERY);
      try {
        if (isReadyLeader()) {
          reconcileOnce();
        }
      } catch (IOException e) {
        log.info("replica {}: reconciliation postponed: {}", id, e.getMessage());
      } catch (RuntimeException e) {
        // An unexpected reply must not end reconciliation for good (and leave keys blocked).
        log.error("replica {}: reconciliation failed; trying again", id, e);
        releaseSettling();
      }
    }
  }

  /** Unblocks the keys of a settlement that was never sent or was refused (not of an unconfirmed one). */
  private void releaseSettling() {
    lock.lock();
    try {
      settling.clear();
      if (unconfirmedSettlement != null) {
        settling.addAll(unconfirmedSettlement.orphaned());
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean isReadyLeader() {
    lock.lock();
    try {
      return role == Role.LEADER && aligned;
    } finally {
      lock.unlock();
    }
  }

  private void reconcileOnce() throws IOException {
    Settlement settlement;
    lock.lock();
    try {
      settlement = unconfirmedSettlement;
      if (settlement != null && !isCurrent(settlement.epoch())) {
        // Sent under an earlier epoch: the catalog refuses it once it has seen a newer one (every
        // claim of those purchases since buys at the newer epoch), so it is not ours to resend.
        settlement.orphaned().forEach(settling::remove);
        unconfirmedSettlement = settlement = null;
      }
    } finally {
      lock.unlock();
    }
    if (settlement == null) {
      settlement = nextSettlement();
      if (settlement == null) {
        return;
      }
    }
    try {
      catalog.settle(settlement);
    } catch (ApiException e) {
      // Refused (a newer epoch fenced this leader, or the settlement is malformed): nothing changed.
      forget(settlement);
      if (e.status() == 421) {
        deposedByCatalog(settlement.epoch());
      }
      throw e;
    } catch (IOException e) {
      lock.lock();
      try {
        // No reply: it may still be applied, so its keys stay blocked until it is confirmed.
        unconfirmedSettlement = isCurrent(settlement.epoch()) ? settlement : null;
        if (unconfirmedSettlement == null) {
          forget(settlement);
        }
      } finally {
        lock.unlock();
      }
      throw e;
    }
    forget(settlement);
    if (!settlement.orphaned().isEmpty()) {
      log.info("replica {}: gave back the stock of {} purchases that never became orders", id,
          settlement.orphaned().size());
    }
  }

  /**
   * Old purchases sorted into those whose key is committed and those whose key is nowhere in the log
   * nor in flight; the latter are blocked from ordering until settled. Null when there is nothing to do.
   */
  private Settlement nextSettlement() throws IOException {
    List<Purchase> old = catalog.unsettled(ORPHAN_AGE.toMillis());
    if (old.isEmpty()) {
      return null;
    }
    List<String> ordered = new ArrayList<>();
    List<String> orphaned = new ArrayList<>();
    lock.lock();
    try {
      if (role != Role.LEADER || !aligned) {
        return null;
      }
      for (Purchase p : old) {
        Long number = orderLog.numberOfKey(p.key());
        if (number != null && number <= orderLog.commitNumber()) {
          ordered.add(p.key());
        } else if (number == null && !inFlight.containsKey(p.key())) {
          orphaned.add(p.key());
        }
      }
      settling.addAll(orphaned);
      return new Settlement(orderLog.epoch(), ordered, orphaned);
    } finally {
      lock.unlock();
    }
  }

  /** The settlement is over, applied or refused: its keys may be ordered again. */
  private void forget(Settlement settlement) {
    lock.lock();
    try {
      settlement.orphaned().forEach(settling::remove);
      if (unconfirmedSettlement == settlement) {
        unconfirmedSettlement = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Completes once {@code number} is committed. Lock held. */
  private CompletableFuture<Entry> whenCommitted(long number) {
    CompletableFuture<Entry> future = new CompletableFuture<>();
    if (number <= orderLog.commitNumber()) {
      future.complete(orderLog.get(number));
    } else {
      commitWaiters.computeIfAbsent(number, n -> new ArrayList<>()).add(future);
    }
    return future;
  }

  /** Raises the commit number to what a majority holds on disk and wakes the waiters. Lock held. */
  private void advanceCommit() {
    if (role != Role.LEADER || !replicating) {
      return;
    }
    List<Long> held = new ArrayList<>();
    held.add(orderLog.durableNumber());
    for (ReplicaClient peer : peers) {
      held.add(matchNumber.getOrDefault(peer.address().id(), 0L));
    }
    held.sort(Comparator.reverseOrder());
    long majorityHolds = held.get(majority - 1);
    if (majorityHolds <= orderLog.commitNumber()) {
      return;
    }
    orderLog.setCommit(majorityHolds);
    Iterator<Map.Entry<Long, List<CompletableFuture<Entry>>>> due =
        commitWaiters.headMap(orderLog.commitNumber(), true).entrySet().iterator();
    while (due.hasNext()) {
      Map.Entry<Long, List<CompletableFuture<Entry>>> waiting = due.next();
      Entry entry = orderLog.get(waiting.getKey());
      waiting.getValue().forEach(f -> f.complete(entry));
      inFlight.remove(entry.key());
      due.remove();
    }
    changed.signalAll();
  }

  // ---------------------------------------------------------------- replication (leader)

  /** One loop per follower: send what it lacks, or a heartbeat, one request at a time. */
  private void replicateTo(ReplicaClient peer) {
    int peerId = peer.address().id();
    long lastSentNanos = 0;
    long lastSentCommit = 0;
    String lastProblem = null;
    while (running) {
      Messages.Append request;
      lock.lock();
      try {
        if (role != Role.LEADER || !replicating) {
          changed.await(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
          continue;
        }
        long next = Math.min(nextNumber.getOrDefault(peerId, orderLog.lastNumber() + 1), orderLog.lastNumber() + 1);
        boolean behind = next <= orderLog.lastNumber();
        boolean heartbeatDue = System.nanoTime() - lastSentNanos >= HEARTBEAT.toNanos();
        // Followers learn of commits at once, so a follower left alone can still vouch for them.
        boolean commitNews = orderLog.commitNumber() > lastSentCommit;
        if (!behind && !heartbeatDue && !commitNews) {
          changed.await(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
          continue;
        }
        request = new Messages.Append(orderLog.epoch(), id, next, orderLog.range(next, MAX_ENTRIES_PER_APPEND),
            orderLog.commitNumber(), epochStart);
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      lastSentNanos = System.nanoTime();
      lastSentCommit = request.commitNumber();
      try {
        Messages.Appended reply = peer.append(request);
        onAppended(peerId, request, reply);
        lastProblem = null;
      } catch (IOException e) {
        // A peer that is down is expected; say so once per kind of problem, not ten times a second.
        if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
          lastProblem = String.valueOf(e.getMessage());
          log.info("replica {}: cannot replicate to replica {}: {}", id, peerId, lastProblem);
        }
        lock.lock();
        try {
          noteQuorum();
        } finally {
          lock.unlock();
        }
        pause(HEARTBEAT);
      }
    }
  }

  private void onAppended(int peerId, Messages.Append request, Messages.Appended reply) {
    lock.lock();
    try {
      if (!isCurrent(request.epoch())) {
        return;
      }
      if (reply.epoch() > request.epoch()) {
        stepDown("replica " + peerId + " is in epoch " + reply.epoch());
        return;
      }
      lastContactNanos.put(peerId, System.nanoTime());
      noteQuorum();
      if (reply.ok()) {
        long acked = request.from() + request.entries().size() - 1;
        matchNumber.merge(peerId, acked, Math::max);
        nextNumber.put(peerId, matchNumber.get(peerId) + 1);
        advanceCommit();
      } else if (reply.needFrom() > 0) {
        nextNumber.put(peerId, reply.needFrom());
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- reads

  /**
   * A committed order. Any replica answers for numbers it knows committed; only a leader that heard
   * from a majority just now may say a number does not exist.
   */
  Order order(long number) {
    lock.lock();
    try {
      if (number >= 1 && number <= orderLog.commitNumber()) {
        Entry e = orderLog.get(number);
        return new Order(e.number(), e.name(), e.quantity());
      }
      if (role != Role.LEADER) {
        throw new HttpError(421, "not the leader");
      }
      if (aligned && majorityHeardWithin(READ_CONFIRMATION)) {
        throw new HttpError(404, "order not found");
      }
      throw new HttpError(503, "cannot confirm the order without a majority of replicas");
    } finally {
      lock.unlock();
    }
  }

  /**
   * Leader: a majority answered within {@link #QUORUM_WINDOW}. Follower: its leader's appends keep
   * arriving. Lock held.
   */
  private boolean hasQuorum() {
    if (role == Role.LEADER) {
      return majorityHeardWithin(QUORUM_WINDOW);
    }
    return role == Role.FOLLOWER && System.nanoTime() - leaderContactNanos < QUORUM_WINDOW.toNanos();
  }

  /** Says once when this leader loses its majority and once when it has it again. Lock held. */
  private void noteQuorum() {
    boolean lost = role == Role.LEADER && aligned && !majorityHeardWithin(QUORUM_WINDOW);
    if (lost != quorumLost) {
      quorumLost = lost;
      if (lost) {
        log.warn("replica {}: leader of epoch {} cannot reach a majority of replicas", id, orderLog.epoch());
      } else {
        log.info("replica {}: reaches a majority of replicas again", id);
      }
    }
  }

  private boolean majorityHeardWithin(Duration window) {
    long now = System.nanoTime();
    long recent = lastContactNanos.values().stream().filter(t -> now - t < window.toNanos()).count();
    return recent + 1 >= majority;
  }

  Messages.LogPage logPage(long from) {
    lock.lock();
    try {
      return new Messages.LogPage(orderLog.range(Math.max(from, 1), 1000), orderLog.commitNumber(),
          orderLog.lastNumber());
    } finally {
      lock.unlock();
    }
  }

  ReplicaHealth health() {
    lock.lock();
    try {
      return new ReplicaHealth("UP", id, role == null ? null : role.name(), aligned ? "UP" : "SYNCING",
          orderLog.commitNumber(), orderLog.digestAt(orderLog.commitNumber()), orderLog.epoch(), leaderId,
          hasQuorum(), fault);
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- metrics (read-only)

  /** What a scrape shows: read under the lock, changing nothing. */
  ReplicaFigures figures() {
    lock.lock();
    try {
      Map<Integer, Long> followerLag = new TreeMap<>();
      if (role == Role.LEADER && replicating) {
        for (ReplicaClient peer : peers) {
          int peerId = peer.address().id();
          followerLag.put(peerId, Math.max(0, orderLog.lastNumber() - matchNumber.getOrDefault(peerId, 0L)));
        }
      }
      Long ownLag = role == Role.FOLLOWER && leaderCommitSeen >= 0
          ? Math.max(0, leaderCommitSeen - orderLog.commitNumber()) : null;
      return new ReplicaFigures(role, orderLog.epoch(), orderLog.commitNumber(), orderLog.lastNumber(), hasQuorum(),
          fault != null, ownLag, followerLag);
    } finally {
      lock.unlock();
    }
  }

  private static <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new HttpError(503, "order not yet committed by a majority");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public void close() throws SQLException {
    running = false;
    threads.shutdownNow();
    lock.lock();
    try {
      stepDown("shutting down");
      orderLog.close();
    } finally {
      lock.unlock();
    }
  }
}
