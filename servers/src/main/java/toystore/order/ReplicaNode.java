package toystore.order;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.ReplicaClient;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.model.State;
import toystore.order.protocol.Call;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.PeerRequest;
import toystore.order.protocol.Replica;
import toystore.order.protocol.ReplicaView;
import toystore.order.protocol.Timing;
import toystore.order.protocol.ViewChangeRecord;
import toystore.order.protocol.Write;
import toystore.wire.order.Messages;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ProtocolMessage.Kind;
import toystore.wire.order.ViewChangeReport;

/**
 * The shell around one order replica's protocol core ({@link Replica}, docs/DESIGN.md): it owns the
 * core under one lock, ticks it every {@link #TICK}, and carries out its effects — writes in order
 * on one disk thread, peer requests and catalog calls on their own threads, notes to the log —
 * feeding every result back as an input. Request threads hand the core an input and wait for the
 * reply it names. Carrying out an effect never blocks the lock: it is handed to a thread.
 */
final class ReplicaNode implements OrderEngine {
  private static final Logger log = LoggerFactory.getLogger(ReplicaNode.class);
  static final Duration TICK = Duration.ofMillis(10);
  static final Duration COMMIT_WAIT = Duration.ofSeconds(3);
  /** The core answers a lead, join or append within its own timers and a disk write; this bounds a hang. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
  static final int LOG_PAGE = 1000;

  private final int id;
  private final OrderLog store;
  private final Map<Integer, ReplicaClient> peers = new LinkedHashMap<>();
  private final CatalogClient catalog;
  private final BatchMetrics batches;
  private final OrderStages stages;
  private final PeerMessages messages;
  private final Timing timing;
  /** The wall clock minus the core's clock (System.nanoTime()), fixed at start: dates each view change the same way every read. */
  private final long wallMinusNanos = ViewChangeRecord.wallMinusNanos();
  private final Replica core;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Long, CompletableFuture<Outcome>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  /** One thread: writes reach the disk in the order the core asked for them. */
  private final ExecutorService disk;
  private final ExecutorService network;
  private final PurchaseSender purchases;
  private final ScheduledExecutorService ticker;
  private volatile boolean running = true;

  ReplicaNode(int id, OrderLog store, List<ReplicaClient> peers, CatalogClient catalog, BatchMetrics batches,
              OrderStages stages, PeerMessages messages, Timing timing) throws SQLException {
    this.id = id;
    this.store = store;
    peers.forEach(p -> this.peers.put(p.address().id(), p));
    this.catalog = catalog;
    this.batches = batches;
    this.stages = stages;
    this.messages = messages;
    this.timing = timing;
    this.core = new Replica(id, List.copyOf(this.peers.keySet()), store.load(), timing, System.nanoTime());
    this.disk = Executors.newSingleThreadExecutor(threads("disk"));
    this.network = Executors.newCachedThreadPool(threads("worker"));
    this.purchases = new PurchaseSender(catalog, network, stages, this::handle);
    this.ticker = Executors.newSingleThreadScheduledExecutor(threads("ticker"));
    ticker.scheduleWithFixedDelay(() -> handle(new Input.Tick()), TICK.toMillis(), TICK.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private ThreadFactory threads(String kind) {
    return r -> {
      Thread t = new Thread(r, "replica-" + id + "-" + kind);
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------- requests

  /** Becomes leader of {@code epoch}: Led, or why not. */
  Outcome lead(long epoch) throws InterruptedException {
    messages.count(Kind.LEAD, Direction.RECEIVED);
    return ask(call -> new Input.Lead(call, epoch), ANSWER_WAIT, new Outcome.NoMajority("no majority of replicas reachable"));
  }

  Outcome join(Messages.Join join) throws InterruptedException {
    messages.count(Kind.JOIN, Direction.RECEIVED);
    return ask(call -> new Input.Join(call, join), ANSWER_WAIT, new Outcome.DiskFault(id));
  }

  Outcome append(Messages.Append append) throws InterruptedException {
    messages.count(PeerMessages.kindOf(append), Direction.RECEIVED);
    return ask(call -> new Input.Append(call, append), ANSWER_WAIT, new Outcome.DiskFault(id));
  }

  /** Places an order exactly once per key; waits for its commit at most {@link #COMMIT_WAIT}. */
  @Override
  public Outcome place(Messages.PlaceOrder order) throws InterruptedException {
    OrderStages.Marks marks = stages.placing(order.key());
    Outcome outcome;
    try {
      outcome = ask(call -> new Input.Place(call, order), COMMIT_WAIT,
          new Outcome.NoMajority("order not yet committed by a majority"));
    } finally {
      stages.placed(order.key(), marks);
    }
    if (outcome instanceof Outcome.Placed placed) {
      // Said here, on the request's thread, so that the line carries the request's id.
      Messages.OrderPlaced p = placed.placed();
      log.info("replica {}: order {} committed: {} x {}", id, p.number(), p.quantity(), p.name());
    }
    return outcome;
  }

  @Override
  public Outcome read(long number) {
    return reading(core -> core.read(number, System.nanoTime()));
  }

  @Override
  public Messages.LogPage logPage(long from, LogReader reader) {
    if (reader == LogReader.PEER) {
      messages.count(Kind.LOG_PAGE, Direction.RECEIVED);
    }
    return reading(core -> core.logPage(from, LOG_PAGE));
  }

  @Override
  public ReplicaHealth health() {
    return reading(core -> {
      ReplicaView view = core.view(System.nanoTime());
      return new ReplicaHealth(State.UP, id, view.role(), view.aligned() ? State.UP : State.SYNCING,
          view.commitNumber(), core.digestAt(view.commitNumber()), view.epoch(), view.leader(), view.quorum(),
          view.fault());
    });
  }

  /** The view changes this replica led, oldest first, with a wall-clock start (docs/API.md §4). */
  @Override
  public List<ViewChangeReport> viewChanges() {
    List<ViewChangeRecord> led = reading(Replica::viewChanges);
    return led.stream().map(vc -> vc.report(wallMinusNanos)).toList();
  }

  /** Read under the lock. */
  @Override
  public ReplicaView view() {
    return reading(core -> core.view(System.nanoTime()));
  }

  /** A read of the core under its lock: queries change nothing, but must not see a step half done. */
  private <T> T reading(Function<Replica, T> query) {
    lock.lock();
    try {
      return query.apply(core);
    } finally {
      lock.unlock();
    }
  }

  private Outcome ask(Function<Call, Input> input, Duration wait, Outcome late) throws InterruptedException {
    Call call = new Call(calls.incrementAndGet());
    CompletableFuture<Outcome> answer = new CompletableFuture<>();
    waiting.put(call.id(), answer);
    handle(input.apply(call));
    try {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return late;
    } catch (ExecutionException e) {
      throw new IllegalStateException("answers are only ever completed normally", e);
    } finally {
      waiting.remove(call.id());
    }
  }

  // ---------------------------------------------------------------- the core and its effects

  private void handle(Input input) {
    if (!running) {
      return;
    }
    lock.lock();
    try {
      List<Effect> effects = core.handle(input, System.nanoTime());
      for (Effect effect : effects) {
        carryOut(effect);
      }
    } catch (RuntimeException e) {
      // A bug in the core must not stop the ticker (or leave a request thread without its error).
      log.error("replica {}: handling {} failed", id, input.getClass().getSimpleName(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Lock held; hands anything slow to a thread. */
  private void carryOut(Effect effect) {
    if (effect instanceof Effect.Reply reply) {
      CompletableFuture<Outcome> answer = waiting.remove(reply.call().id());
      if (answer != null) {
        answer.complete(reply.outcome());
      }
    } else if (effect instanceof Effect.Persist persist) {
      Role role = persist.write() instanceof Write.AppendEntries
          ? core.view(System.nanoTime()).role() : null;
      if (role == Role.LEADER) {
        stages.batching(((Write.AppendEntries) persist.write()).entries());
      }
      disk.execute(() -> write(persist, role));
    } else if (effect instanceof Effect.Send send) {
      messages.count(PeerMessages.kindOf(send.request()), Direction.SENT);
      long sent = sendingOrders(send);
      network.execute(() -> {
        Input answer = send(send);
        if (sent != 0 && answer instanceof Input.Answered) {
          stages.followerAnswered(sent);
        }
        handle(answer);
      });
    } else if (effect instanceof Effect.Note note) {
      switch (note.level()) {
        case INFO -> log.info(note.message());
        case WARN -> log.warn(note.message());
        case ERROR -> log.error(note.message());
      }
    } else if (effect instanceof Effect.Buy buy) {
      purchases.buy(buy);
    } else {
      network.execute(() -> handle(CatalogCalls.carryOut(catalog, effect, timing)));
    }
  }

  /** When an append carrying orders leaves (their round trip is timed from then), else 0: heartbeats are not timed. */
  private long sendingOrders(Effect.Send send) {
    if (send.request() instanceof PeerRequest.Append append && PeerMessages.kindOf(append.append()) == Kind.APPEND) {
      stages.batching(append.append().entries());
      return System.nanoTime();
    }
    return 0;
  }

  /** On the disk thread. {@code role}: who wrote a batch of orders, for the batch metrics. */
  private void write(Effect.Persist persist, Role role) {
    long started = System.nanoTime();
    Input result;
    try {
      store.write(persist.write());
      result = new Input.Persisted(persist.writeId());
    } catch (SQLException | RuntimeException e) {
      // Whatever went wrong, the core hears of it: it takes no other write until this one is answered.
      result = new Input.PersistFailed(persist.writeId(), String.valueOf(e.getMessage()));
    }
    // Outside the try: a write that is on disk is never reported failed.
    if (result instanceof Input.Persisted && role != null && persist.write() instanceof Write.AppendEntries append) {
      long took = System.nanoTime() - started;
      batches.written(role, append.entries().size(), took);
      if (role == Role.LEADER) {
        stages.written(took);
      }
    }
    handle(result);
  }

  private Input send(Effect.Send send) {
    ReplicaClient peer = peers.get(send.to());
    try {
      if (send.request() instanceof PeerRequest.Join join) {
        try {
          return new Input.Answered(send.to(), send.sendId(), new Input.JoinAccepted(peer.join(join.join())));
        } catch (ApiException e) {
          return new Input.Answered(send.to(), send.sendId(), new Input.JoinRefused(e.getMessage()));
        }
      } else if (send.request() instanceof PeerRequest.Append append) {
        return new Input.Answered(send.to(), send.sendId(), new Input.AppendReply(peer.append(append.append())));
      }
      Messages.LogPage page = peer.catchUpPage(((PeerRequest.FetchLog) send.request()).from());
      return new Input.Answered(send.to(), send.sendId(),
          new Input.LogPageReply(page.entries(), page.commitNumber(), page.lastNumber()));
    } catch (IOException | RuntimeException e) {
      // An unexpected reply counts as none: the core waits for an answer to every request it sent.
      return new Input.Unanswered(send.to(), send.sendId(), String.valueOf(e.getMessage()));
    }
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    running = false;
    ticker.shutdownNow();
    network.shutdownNow();
    disk.shutdown();
    boolean writesDone = disk.awaitTermination(5, TimeUnit.SECONDS);
    Outcome lost = new Outcome.NotLeader("leadership moved; retry on the new leader");
    waiting.values().forEach(answer -> answer.complete(lost));
    if (!writesDone) {
      // The database is the disk thread's while a write runs; a commit from here could commit half of it.
      log.warn("replica {}: a disk write is still running at shutdown; the database is left to it", id);
      return;
    }
    lock.lock();
    try {
      // The commit number is written lazily; what is known committed is written once more at the end.
      ReplicaView view = core.view(System.nanoTime());
      try {
        store.write(new Write.SetCommit(Math.min(view.commitNumber(), view.durableNumber())));
      } finally {
        store.close();
      }
    } finally {
      lock.unlock();
    }
  }
}
