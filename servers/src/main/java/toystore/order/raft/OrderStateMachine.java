package toystore.order.raft;

import java.io.File;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.order.OrderLog;
import toystore.wire.order.Entry;

/**
 * The order log as a Raft state machine (docs/DESIGN.md "Raft engine"): each committed
 * {@link OrderCommand} becomes the next order unless its key was ordered before or it was committed
 * in another term than its purchase. Every applied entry is one synced SQLite transaction that
 * also records its Raft term and index, so the database is always a snapshot at the last applied
 * entry: a restart tells Ratis that index and replays only what follows it. Ratis never installs a
 * snapshot (it is configured to send log instead, {@link RaftSettings}).
 */
final class OrderStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(OrderStateMachine.class);

  private final int id;
  private final OrderLog store;
  /** Told the term of every applied entry, on the applier's thread: a new leader's cue to take over. */
  private final LongConsumer termApplied;
  /** Told once, on the applier's thread, that an applied entry could not be stored. */
  private final Runnable faulted;
  private final Snapshots snapshots = new Snapshots();
  private volatile OrderBook book;
  /** The last Raft entry the database records: a snapshot index may never be above it. */
  private volatile TermIndex durable = TermIndex.INITIAL_VALUE;
  private volatile long restoredIndex;
  private volatile String fault;

  OrderStateMachine(int id, OrderLog store, LongConsumer termApplied, Runnable faulted) {
    this.id = id;
    this.store = store;
    this.termApplied = termApplied;
    this.faulted = faulted;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId group, RaftStorage storage) throws IOException {
    super.initialize(server, group, storage);
    reinitialize();
  }

  /** Loads the database: it holds every order up to the Raft index it records. */
  @Override
  public void reinitialize() throws IOException {
    try {
      book = new OrderBook(store.load().entries());
      OrderLog.RaftApplied applied = store.raftApplied();
      restoredIndex = applied.index();
      if (applied.index() > 0) {
        TermIndex at = TermIndex.valueOf(applied.term(), applied.index());
        updateLastAppliedTermIndex(at);
        durable = at;
        snapshots.latest = new DatabaseSnapshot(at);
      }
      log.info("replica {}: {} orders restored from the database, at Raft term {} index {}; the Raft log is"
          + " replayed from index {}", id, book.last(), applied.term(), applied.index(), applied.index() + 1);
    } catch (SQLException e) {
      throw new IOException("cannot read the order database: " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    OrderCommand command;
    try {
      command = OrderCommand.of(entry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (IOException e) {
      // Only replicas write entries, so this is a bug; every replica refuses it alike.
      log.error("replica {}: Raft entry {} is not an order: {}", id, entry.getIndex(), e.getMessage());
      persist(null, entry.getTerm(), entry.getIndex());
      return CompletableFuture.completedFuture(new Applied(Applied.Verdict.STALE_TERM, 0).message());
    }
    OrderBook.Decision decision = book.decide(command, entry.getTerm());
    persist(decision.entry(), entry.getTerm(), entry.getIndex());
    termApplied.accept(entry.getTerm());
    return CompletableFuture.completedFuture(decision.applied().message());
  }

  /**
   * A configuration entry (a leader's start-up entry among them) or Ratis's commit-index metadata
   * entry: nothing to order, so nothing is written; a restart replays it from the last order's index.
   */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    updateLastAppliedTermIndex(term, index);
    termApplied.accept(term);
  }

  /**
   * One synced transaction: the entry (if any) and the Raft index. A failed write stops the applier
   * (Ratis stops applying on an exception here) and the engine takes this replica out of the group:
   * a replica that cannot store what it applied must not vouch for it (docs/API.md §3.10).
   */
  private synchronized void persist(Entry added, long term, long index) {
    try {
      long last = book.last() + (added == null ? 0 : 1);
      store.applyRaft(added == null ? List.of() : List.of(added), last, term, index);
    } catch (SQLException e) {
      fault = String.valueOf(e.getMessage());
      log.error("replica {}: cannot store Raft entry {}: {}; this replica stops applying", id, index, fault);
      faulted.run();
      throw new IllegalStateException("cannot store Raft entry " + index, e);
    }
    if (added != null) {
      book.add(added);
    }
    durable = TermIndex.valueOf(term, index);
    updateLastAppliedTermIndex(term, index);
  }

  /** Every order applied is already in the database: the snapshot is the database as it stands. */
  @Override
  public long takeSnapshot() {
    TermIndex at = durable;
    snapshots.latest = new DatabaseSnapshot(at);
    return at.getIndex();
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    // A read-index read has already waited for this replica to apply everything committed before it.
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  /** Only reached if the leader has purged log this replica still needs (see {@link RaftSettings}). */
  @Override
  public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto role, TermIndex first) {
    log.error("replica {}: the leader no longer holds the Raft log from index {} this replica needs; copy a"
        + " healthy replica's data directory to restore it (docs/DESIGN.md \"Raft engine\")", id, first.getIndex());
    return CompletableFuture.failedFuture(new IOException("snapshot installation is not supported"));
  }

  @Override
  public void close() throws IOException {
    try {
      store.close();
    } catch (SQLException e) {
      throw new IOException("cannot close the order database: " + e.getMessage(), e);
    }
  }

  OrderBook book() {
    return book;
  }

  /** The Raft index the database held at start: the log is replayed only after it. */
  long restoredIndex() {
    return restoredIndex;
  }

  String fault() {
    return fault;
  }

  /** A snapshot that is the order database itself; it has no separate files to install. */
  private record DatabaseSnapshot(TermIndex getTermIndex) implements SnapshotInfo {
    @Override
    public List<FileInfo> getFiles() {
      return List.of();
    }
  }

  /** Where Ratis looks for snapshots: the latest one, nothing on disk of its own. */
  private static final class Snapshots implements StateMachineStorage {
    private volatile SnapshotInfo latest;

    @Override
    public void init(RaftStorage storage) {
      // The database is opened by the engine; nothing of Ratis's storage is used.
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
      return latest;
    }

    @Override
    public void format() {
      // Nothing to format: the database is the snapshot.
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) {
      // One snapshot only, the database.
    }

    @Override
    public File getSnapshotDir() {
      return null;
    }
  }
}
