package toystore.order.raft;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.order.OrderLog;
import toystore.wire.order.Entry;

/**
 * Writes the state machine's applied orders to its database on a thread of its own
 * (docs/DESIGN.md "Raft engine"): everything applied since the last write, in one synced
 * transaction with the highest Raft entry it holds. The Raft log already holds these entries on a
 * majority, so the applier does not wait for the disk; the database is only the snapshot, at
 * {@link #persisted()}. A failed write is told once and ends the writer: nothing is written after it.
 */
final class DatabaseWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DatabaseWriter.class);

  private final int id;
  private final OrderLog store;
  private final Consumer<String> failed;
  private final Thread thread;
  /** Applied, not yet written; guarded by {@code this}. */
  private List<Entry> pending = new ArrayList<>();
  private long appliedNumber;
  private TermIndex applied;
  private TermIndex persisted;
  private boolean closing;

  /** {@code at}: the Raft entry the database holds; {@code failed} is told why a write failed. */
  DatabaseWriter(int id, OrderLog store, TermIndex at, long lastNumber, Consumer<String> failed) {
    this.id = id;
    this.store = store;
    this.failed = failed;
    this.applied = at;
    this.persisted = at;
    this.appliedNumber = lastNumber;
    this.thread = new Thread(this::run, "replica-" + id + "-order-db");
    thread.setDaemon(true);
    thread.start();
  }

  /** Raft entry {@code at} is applied; {@code added} is the order it made, or null. */
  synchronized void applied(Entry added, TermIndex at) {
    if (added != null) {
      pending.add(added);
      appliedNumber = added.number();
    }
    applied = at;
    notifyAll();
  }

  /** The last Raft entry the database holds: a snapshot index may never be above it. */
  synchronized TermIndex persisted() {
    return persisted;
  }

  private void run() {
    while (true) {
      List<Entry> batch;
      long number;
      TermIndex at;
      synchronized (this) {
        while (written() && !closing) {
          waitQuietly();
        }
        if (written()) {
          return;
        }
        batch = pending;
        pending = new ArrayList<>();
        number = appliedNumber;
        at = applied;
      }
      try {
        store.applyRaft(batch, number, at.getTerm(), at.getIndex());
      } catch (SQLException | RuntimeException e) {
        // Either way these entries are not stored: a disk fault, never a writer that quietly stops.
        String why = String.valueOf(e.getMessage());
        log.error("replica {}: cannot store Raft entries up to {}: {}; this replica stops applying", id, at.getIndex(), why);
        failed.accept(why);
        return;
      }
      synchronized (this) {
        persisted = at;
      }
    }
  }

  private boolean written() {
    return applied.getIndex() == persisted.getIndex();
  }

  /** Writes what is applied, then stops the thread. */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closing = true;
      notifyAll();
    }
    if (Thread.currentThread() != thread) {
      thread.join();
    }
  }

  /** The writer's own thread is never interrupted: a wake-up only re-checks its conditions. */
  private void waitQuietly() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the order database writer was interrupted", e);
    }
  }
}
