package toystore.order.raft;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.ReplicaAddress;
import toystore.model.IdempotencyKey;
import toystore.model.Order;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.model.State;
import toystore.order.LogReader;
import toystore.order.OrderEngine;
import toystore.order.OrderLog;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.ReplicaView;
import toystore.order.protocol.Timing;
import toystore.order.protocol.ViewChangeRecord;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport;

/**
 * The order service on Apache Ratis (docs/DESIGN.md "Raft engine"): Raft elects the leader and
 * replicates a durable log of {@link OrderCommand}s; {@link OrderStateMachine} numbers them. On top,
 * as in the lab protocol: the key's purchase in the catalog before its entry, fenced by the term,
 * and a new leader's fence and orphan settlement ({@link Takeover}). Requests go to this replica's
 * own Raft server, never to another: a replica that does not lead says so and the caller finds the
 * leader.
 */
public final class RaftEngine implements OrderEngine {
  private static final Logger log = LoggerFactory.getLogger(RaftEngine.class);
  static final Duration COMMIT_WAIT = Duration.ofSeconds(3);
  static final int LOG_PAGE = 1000;
  static final String MOVED = "leadership moved; retry on the new leader";

  private final int id;
  private final RaftPeerId self;
  private final int majority;
  private final RaftSettings settings;
  private final CatalogClient catalog;
  private final Attempts attempts = new Attempts();
  private final CommandSeal seal;
  private final OrderStateMachine machine;
  private final Takeover takeover;
  private final RaftServer server;
  private final PeerWatch peerWatch;
  /** The terms it led, as view changes (docs/API.md §4), and what tells it of them. */
  private final LeaderTerms terms;
  private final LeadershipWatch leadership;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong calls = new AtomicLong();
  /** Set before the engine stops its own Raft server (a disk fault, close): any other stop is a fault. */
  private volatile boolean stopping;
  /** Why the Raft server stopped without the engine stopping it, once noticed. */
  private final AtomicReference<String> stopped = new AtomicReference<>();

  /** Starts replica {@code id}'s Raft server; its files are under {@code home}. */
  public RaftEngine(int id, RaftPeers peers, Path home, CatalogClient catalog, String clusterSecret, RaftSettings settings)
      throws IOException, SQLException {
    RaftPeers.Peer me = peers.peer(id)
        .orElseThrow(() -> new IllegalArgumentException("replica " + id + " is not in --raft-peers " + peers.spec()));
    this.id = id;
    this.self = RaftPeers.peerId(id);
    this.majority = ReplicaAddress.majority(peers.peers().size());
    this.settings = settings;
    this.catalog = catalog;
    this.seal = new CommandSeal(clusterSecret);
    this.terms = new LeaderTerms(id, System::nanoTime, ViewChangeRecord.wallMinusNanos());
    this.leadership = new LeadershipWatch(id, this::info, terms);
    this.machine = new OrderStateMachine(id, new OrderLog(home.resolve("orders.db")), seal, this::termApplied,
        this::faulted, leadership);
    this.takeover = new Takeover(id, catalog, attempts, this::numberOf, this::leads, Timing.standard(), terms);
    this.server = RaftServer.newBuilder()
        .setServerId(self)
        .setGroup(peers.group())
        .setProperties(settings.properties(home.resolve("ratis"), me))
        .setStateMachine(machine)
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    server.start();
    leadership.start();
    this.peerWatch = new PeerWatch(id, settings.electionMax(), this::info);
    log.info("replica {}: Raft peer on {} in a group of {}", id, me.address(), peers.peers().size());
  }

  private void termApplied(long term) {
    takeover.applied(term);
  }

  /**
   * The state machine could not store an entry and applies no more. Ratis would go on taking part
   * in the group (even as leader, with a log it never applies), so its server is stopped: the
   * other two see this replica as down and elect among themselves. Off the applier's thread,
   * which the close waits for.
   */
  private void faulted() {
    stopping = true;
    Thread stop = new Thread(() -> {
      try {
        server.close();
        log.warn("replica {}: Raft server stopped after the disk fault; restart the replica once the disk is fixed", id);
      } catch (IOException e) {
        log.error("replica {}: cannot stop the Raft server after the disk fault: {}", id, e.getMessage());
      }
    }, "replica-" + id + "-raft-stop");
    stop.setDaemon(true);
    stop.start();
  }

  private Long numberOf(IdempotencyKey key) {
    return machine.book().numberOf(key);
  }

  /** This replica's Raft state, or null while its server is not up, after a disk fault or once it stopped. */
  private DivisionInfo info() {
    if (outOfRaft() != null) {
      return null;
    }
    try {
      return server.getDivision(RaftPeers.GROUP).getInfo();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Why this replica takes no part in Raft until it is restarted, or null: its disk fault, or its
   * Raft server stopped by something else than this engine — Ratis closes it by itself (after a
   * long JVM pause, should {@link RaftSettings} not prevent it) and a group-management request can
   * remove the group — which would otherwise leave a replica that looks merely out of touch.
   */
  private String outOfRaft() {
    String disk = machine.fault();
    if (disk != null) {
      return disk;
    }
    if (stopped.get() == null && !stopping && raftStopped()
        && stopped.compareAndSet(null, "replica " + id + "'s Raft server stopped by itself; restart the replica")) {
      log.error("replica {}: its Raft server stopped without being told to; it takes no"
          + " orders until it is restarted", id);
    }
    return stopped.get();
  }

  private boolean raftStopped() {
    if (server.getLifeCycleState().isClosingOrClosed()) {
      return true;
    }
    try {
      return server.getDivision(RaftPeers.GROUP).getInfo().getLifeCycleState().isClosingOrClosed();
    } catch (GroupMismatchException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** What {@code /health} reports as {@code fault}: why this replica cannot take part, or null. */
  private String fault() {
    String out = outOfRaft();
    return out != null ? out : takeover.fault();
  }

  private boolean leads(long term) {
    DivisionInfo info = info();
    return info != null && info.isLeader() && info.getCurrentTerm() == term;
  }

  // ---------------------------------------------------------------- orders

  @Override
  public Outcome place(Messages.PlaceOrder order) throws InterruptedException {
    if (machine.fault() != null) {
      return new Outcome.DiskFault(id);
    }
    String out = outOfRaft();
    if (out != null) {
      return new Outcome.Unavailable(out);
    }
    DivisionInfo info = info();
    if (info == null || !info.isLeader()) {
      return new Outcome.NotLeader("not the leader");
    }
    long term = info.getCurrentTerm();
    if (!takeover.ready(term)) {
      String fencedOut = takeover.fault();
      return fencedOut != null ? new Outcome.Unavailable(fencedOut) : new Outcome.CatchingUp();
    }
    Long existing = numberOf(order.key());
    if (existing != null) {
      return placed(existing, order, null);
    }
    Attempts.Join join = attempts.join(order, term);
    if (join.refused() != null) {
      return join.refused();
    }
    if (join.first()) {
      run(join.attempt());
    }
    try {
      Outcome outcome = join.attempt().outcome().get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (outcome instanceof Outcome.Placed placed) {
        Messages.OrderPlaced p = placed.placed();
        log.info("replica {}: order {} committed: {} x {}", id, p.number(), p.quantity(), p.name());
      }
      return outcome;
    } catch (TimeoutException e) {
      return new Outcome.NoMajority("order not yet committed by a majority");
    } catch (ExecutionException e) {
      throw new IllegalStateException("attempts are only ever completed normally", e);
    }
  }

  /** Buys with the key under the term, then submits the entry; the attempt is finished when Raft answers. */
  private void run(Attempts.Attempt attempt) {
    Messages.PlaceOrder order = attempt.order();
    PurchaseResult bought;
    try {
      bought = catalog.buy(new Purchase(order.name(), order.quantity(), order.key(), attempt.term()));
    } catch (ApiException e) {
      // 421: the catalog has seen a newer term. Other 4xx (out of stock, unknown toy) go to the client.
      attempts.finished(attempt, e.status() == 421 ? new Outcome.NotLeader(MOVED)
          : e.status() < 500 ? new Outcome.CatalogRefused(e.status(), e.getMessage())
          : new Outcome.CatalogUnavailable(), false);
      return;
    } catch (IOException | RuntimeException e) {
      attempts.finished(attempt, new Outcome.CatalogUnavailable(), false);
      return;
    }
    OrderCommand command = new OrderCommand(bought.item().name(), order.quantity(), order.key(), attempt.term());
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(request(seal.seal(command), RaftClientRequest.writeRequestType()));
    } catch (IOException | RuntimeException e) {
      attempts.finished(attempt, new Outcome.NotLeader(MOVED), false);
      return;
    }
    reply.whenComplete((answer, error) -> {
      // Whatever happens reading the answer, the attempt ends: its key must not stay running forever.
      Written written = Written.UNREAD;
      try {
        written = Written.of(answer, error, number -> placed(number, order, bought.item()));
      } catch (RuntimeException e) {
        log.error("replica {}: cannot read Raft's answer to the order with key {}: {}", id, order.key(), e.toString());
      } finally {
        attempts.finished(attempt, written.outcome(), written.maybeCommits());
      }
    });
  }

  private Outcome placed(long number, Messages.PlaceOrder order, CatalogItem item) {
    Entry entry = machine.book().get(number);
    if (!entry.request().sameOrderAs(order.request())) {
      return new Outcome.KeyReused();
    }
    return new Outcome.Placed(new Messages.OrderPlaced(entry.number(), entry.name(), entry.quantity(), item));
  }

  private RaftClientRequest request(Message message, RaftClientRequest.Type type) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(RaftPeers.GROUP)
        .setCallId(calls.incrementAndGet())
        .setMessage(message)
        .setType(type)
        .build();
  }

  /** Only the leader answers, and only after a read index confirmed by a majority: no false 404. */
  @Override
  public Outcome read(long number) {
    DivisionInfo info = info();
    if (info == null || !info.isLeader()) {
      return new Outcome.NotLeader("not the leader");
    }
    try {
      RaftClientReply reply = server.submitClientRequestAsync(request(Message.EMPTY, RaftClientRequest.readRequestType()))
          .get(settings.readTimeout().plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
      if (!reply.isSuccess()) {
        return reply.getNotLeaderException() != null ? new Outcome.NotLeader(MOVED)
            : new Outcome.NoMajority("a majority did not confirm this leader");
      }
    } catch (IOException | ExecutionException | TimeoutException e) {
      return new Outcome.NoMajority("a majority did not confirm this leader");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.NoMajority("interrupted while confirming the leader");
    }
    Entry entry = machine.book().get(number);
    return entry == null ? new Outcome.NotFound() : new Outcome.Found(new Order(entry.number(), entry.name(), entry.quantity()));
  }

  // ---------------------------------------------------------------- what it shows

  @Override
  public ReplicaHealth health() {
    ReplicaView view = view();
    OrderBook.Head head = machine.book().head();
    return new ReplicaHealth(State.UP, id, view.role(), view.aligned() ? State.UP : State.SYNCING, head.last(),
        head.digest(), view.epoch(), view.leader(), view.quorum(), view.fault());
  }

  /** Role and term from Ratis; a leader is aligned once it took over its term, a follower once it applied what it knows committed. */
  @Override
  public ReplicaView view() {
    DivisionInfo info = info();
    long last = machine.book().last();
    if (info == null) {
      return new ReplicaView(id, null, false, 0, 0, last, last, last, null, false, fault(), null, Map.of());
    }
    long term = info.getCurrentTerm();
    Role role = info.isLeader() ? Role.LEADER : info.isFollower() && info.getLeaderId() != null ? Role.FOLLOWER : null;
    Long ownLag = role == Role.FOLLOWER ? Math.max(0, committedIndex() - info.getLastAppliedIndex()) : null;
    boolean aligned = role == Role.LEADER ? takeover.ready(term) : ownLag != null && ownLag == 0;
    return new ReplicaView(id, role, aligned, term, term, last, last, last, RaftPeers.replicaId(info.getLeaderId()),
        quorum(info), fault(), ownLag, Map.of());
  }

  private long committedIndex() {
    try {
      return server.getDivision(RaftPeers.GROUP).getRaftLog().getLastCommittedIndex();
    } catch (IOException e) {
      return 0;
    }
  }

  /** A leader heard from a majority within the longest election timeout; a follower from its leader. */
  private boolean quorum(DivisionInfo info) {
    RoleInfoProto role = info.getRoleInfoProto();
    // The longest, not the shortest: a heartbeat is due every electionMin / 2 and one late one on
    // a loaded machine is no lost majority.
    long window = settings.electionMax().toMillis();
    if (info.isLeader()) {
      long heard = 1 + role.getLeaderInfo().getFollowerInfoList().stream()
          .filter(f -> f.getLastRpcElapsedTimeMs() < window).count();
      return heard >= majority;
    }
    return info.isFollower() && role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs() < window;
  }

  @Override
  public Messages.LogPage logPage(long from, LogReader reader) {
    OrderBook book = machine.book();
    long last = book.last();
    return new Messages.LogPage(book.range(from, LOG_PAGE), last, last);
  }

  /** The terms this replica was elected to lead, oldest first (docs/DESIGN.md "Raft engine"). */
  @Override
  public List<ViewChangeReport> viewChanges() {
    return terms.reports();
  }

  /** The Raft index the state machine's database held at start (the restart test reads it). */
  public long restoredIndex() {
    return machine.restoredIndex();
  }

  @Override
  public void close() throws SQLException, InterruptedException {
    stopping = true;
    try {
      server.close();
    } catch (IOException e) {
      throw new SQLException("cannot close the Raft server cleanly: " + e.getMessage(), e);
    } finally {
      peerWatch.close();
      leadership.close();
      takeover.close();
    }
  }
}
