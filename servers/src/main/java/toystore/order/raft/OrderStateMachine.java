package toystore.order.raft;

import java.io.File;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
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
 * in another term than its purchase. An applied entry changes the {@link OrderBook} in memory and is
 * answered at once: it is already on a majority's durable Raft log. A {@link DatabaseWriter} stores
 * applied orders in batches, each with the Raft term and index it reaches, so the database is a
 * snapshot at that index: snapshots report only it (Ratis never purges log the database lacks), and
 * a restart replays what follows it. Ratis never installs a snapshot (it is configured to send log
 * instead, {@link RaftSettings}).
 */
final class OrderStateMachine extends BaseStateMachine {
  private static final Logger log = LoggerFactory.getLogger(OrderStateMachine.class);
  static final String UNSIGNED = "not an order entry signed with the cluster secret";

  private final int id;
  private final OrderLog store;
  private final CommandSeal seal;
  /** Told the term of every applied entry, on the applier's thread: a new leader's cue to take over. */
  private final LongConsumer termApplied;
  /** Told once, on the database writer's thread, that applied entries could not be stored. */
  private final Runnable faulted;
  private final Leadership leadership;
  private final Snapshots snapshots = new Snapshots();
  private volatile OrderBook book;
  private volatile DatabaseWriter writer;
  private volatile long restoredIndex;
  private volatile String fault;

  /** What Ratis tells the state machine of this replica's own leadership, on Ratis's threads. */
  interface Leadership {
    /** This replica became the leader of its current term. */
    void elected();

    /** This replica stopped leading. */
    void steppedDown();
  }

  OrderStateMachine(int id, OrderLog store, CommandSeal seal, LongConsumer termApplied, Runnable faulted,
                    Leadership leadership) {
    this.id = id;
    this.store = store;
    this.seal = seal;
    this.termApplied = termApplied;
    this.faulted = faulted;
    this.leadership = leadership;
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
      if (writer != null) {
        // What was applied goes to the database before it is read back.
        writer.close();
      }
      book = new OrderBook(store.load().entries());
      OrderLog.RaftApplied applied = store.raftApplied();
      restoredIndex = applied.index();
      TermIndex at = TermIndex.INITIAL_VALUE;
      if (applied.index() > 0) {
        at = TermIndex.valueOf(applied.term(), applied.index());
        updateLastAppliedTermIndex(at);
        snapshots.latest = new DatabaseSnapshot(at);
      }
      writer = new DatabaseWriter(id, store, at, book.last(), this::failed);
      log.info("replica {}: {} orders restored from the database, at Raft term {} index {}; the Raft log is"
          + " replayed from index {}", id, book.last(), applied.term(), applied.index(), applied.index() + 1);
    } catch (SQLException e) {
      throw new IOException("cannot read the order database: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while storing applied orders", e);
    }
  }

  /**
   * On the leader, before the append: a request not signed with the cluster secret never enters
   * the log (Ratis answers its sender with a StateMachineException).
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    if (seal.opened(request.getMessage().getContent().toByteArray()).isEmpty()) {
      log.warn("replica {}: refused a Raft request from client {}: {}", id, request.getClientId(), UNSIGNED);
      trx.setException(new IOException(UNSIGNED));
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    Optional<byte[]> signed = seal.opened(entry.getStateMachineLogEntry().getLogData().toByteArray());
    if (signed.isEmpty()) {
      // Got past a leader's check (appended by a forged leader, or by a replica with another
      // secret): every replica with the store's secret refuses it alike, so their logs stay equal.
      log.warn("replica {}: Raft entry {} refused: {}", id, entry.getIndex(), UNSIGNED);
      record(null, entry.getTerm(), entry.getIndex());
      return CompletableFuture.completedFuture(new Applied(Applied.Verdict.UNSIGNED, 0).message());
    }
    OrderCommand command;
    try {
      command = OrderCommand.of(signed.get());
    } catch (IOException e) {
      // Signed, so a replica wrote it: a bug; every replica refuses it alike.
      log.error("replica {}: Raft entry {} is not an order: {}", id, entry.getIndex(), e.getMessage());
      record(null, entry.getTerm(), entry.getIndex());
      return CompletableFuture.completedFuture(new Applied(Applied.Verdict.STALE_TERM, 0).message());
    }
    OrderBook.Decision decision = book.decide(command, entry.getTerm());
    record(decision.entry(), entry.getTerm(), entry.getIndex());
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

  /** Ratis tells every peer the new leader it learns of; this replica's own election among them. */
  @Override
  public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId leader) {
    if (member.getPeerId().equals(leader)) {
      leadership.elected();
    }
  }

  /** The leader steps down (what it held is failed by Ratis: docs/DESIGN.md "Raft engine"). */
  @Override
  public void notifyNotLeader(Collection<TransactionContext> pending) {
    leadership.steppedDown();
  }

  /**
   * The entry (if any) into memory, and handed to the database writer. After a failed write the
   * applier stops (Ratis stops applying on an exception here) and the engine takes this replica out
   * of the group: a replica that cannot store what it applied must not vouch for it (docs/API.md §3.10).
   */
  private void record(Entry added, long term, long index) {
    if (fault != null) {
      throw new IllegalStateException("replica " + id + " cannot store Raft entries: " + fault);
    }
    if (added != null) {
      book.add(added);
    }
    TermIndex at = TermIndex.valueOf(term, index);
    writer.applied(added, at);
    updateLastAppliedTermIndex(at);
  }

  private void failed(String why) {
    fault = why;
    faulted.run();
  }

  /** The database as it stands, at the last entry it holds: Ratis purges no log after that. */
  @Override
  public long takeSnapshot() {
    TermIndex at = writer.persisted();
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

  /** Stores what is applied, then closes the database. */
  @Override
  public void close() throws IOException {
    try {
      if (writer != null) {
        writer.close();
      }
      store.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while storing applied orders", e);
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
