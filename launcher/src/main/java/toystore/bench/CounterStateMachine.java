package toystore.bench;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;

/**
 * The bare Ratis counter's state (docs/DESIGN.md "The bare Ratis counter"): one count, raised by
 * every applied {@link #INCREMENT} and read with {@link #GET}. The order engine's settings take a
 * snapshot every so many entries, so the counter keeps one too: a synced file holding the count,
 * named by the term and index it stands for.
 */
final class CounterStateMachine extends BaseStateMachine {
  static final Message INCREMENT = Message.valueOf("INCREMENT");
  static final Message GET = Message.valueOf("GET");

  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  /** Guarded by this, with the last applied index, so that a snapshot pairs the two. */
  private long count;

  @Override
  public void initialize(RaftServer server, RaftGroupId group, RaftStorage raftStorage) throws IOException {
    super.initialize(server, group, raftStorage);
    storage.init(raftStorage);
    reinitialize();
  }

  /** Loads the latest snapshot, if any; Ratis replays the log after it. */
  @Override
  public synchronized void reinitialize() throws IOException {
    SingleFileSnapshotInfo latest = storage.loadLatestSnapshot();
    if (latest == null) {
      return;
    }
    Path file = latest.getFile().getPath();
    count = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
    updateLastAppliedTermIndex(SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file.toFile()));
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public synchronized long takeSnapshot() throws IOException {
    TermIndex applied = getLastAppliedTermIndex();
    File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
    try (FileChannel out = FileChannel.open(file.toPath(), StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(Long.toString(count).getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), null), applied));
    return applied.getIndex();
  }

  /** Refuses anything but an increment before it reaches the log. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext transaction = super.startTransaction(request);
    if (!INCREMENT.getContent().equals(request.getMessage().getContent())) {
      transaction.setException(new IllegalArgumentException("the counter only increments"));
    }
    return transaction;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
    long now;
    synchronized (this) {
      updateLastAppliedTermIndex(TermIndex.valueOf(transaction.getLogEntry()));
      now = ++count;
    }
    return CompletableFuture.completedFuture(Message.valueOf(Long.toString(now)));
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    if (!GET.getContent().equals(request.getContent())) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("the counter answers GET only"));
    }
    synchronized (this) {
      return CompletableFuture.completedFuture(Message.valueOf(Long.toString(count)));
    }
  }

  /** The count a reply to {@link #INCREMENT} or {@link #GET} carries. */
  static long count(Message reply) {
    return Long.parseLong(reply.getContent().toStringUtf8());
  }
}
