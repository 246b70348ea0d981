package toystore.order;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import toystore.model.IdempotencyKey;
import toystore.model.InvalidRequestException;
import toystore.order.protocol.Restored;
import toystore.order.protocol.Write;
import toystore.storage.Sqlite;
import toystore.wire.order.Entry;

/**
 * A replica's durable state in SQLite: its order log and the epochs it has promised. Every
 * {@link Write} is one synced transaction, all or nothing. The protocol core holds the log in memory
 * (docs/DESIGN.md, "Orders: replication protocol"); this store only loads it at start and writes.
 * One thread (the replica's disk thread) uses it at a time. The Raft engine keeps its state machine
 * in the same schema ({@link #applyRaft}), so log pages and digests read alike in both engines.
 */
public final class OrderLog implements AutoCloseable {
  /** The last Raft log entry a Raft engine's state machine applied (0, 0: none). */
  public record RaftApplied(long term, long index) {}

  private final Path file;
  private final Connection db;

  public OrderLog(Path file) throws SQLException {
    this.file = file;
    this.db = Sqlite.open(file);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS log (number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
          + " quantity INTEGER NOT NULL, key TEXT NOT NULL UNIQUE, epoch INTEGER NOT NULL)");
    }
  }

  /** Everything on disk; the commit number is capped at the log's end. */
  public Restored load() throws SQLException {
    long epoch = 0;
    long lastNormalEpoch = 0;
    long commitNumber = 0;
    List<Entry> entries = new ArrayList<>();
    try (Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT name, value FROM meta")) {
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "epoch" -> epoch = rs.getLong(2);
            case "lastNormalEpoch" -> lastNormalEpoch = rs.getLong(2);
            case "commitNumber" -> commitNumber = rs.getLong(2);
            default -> { }
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT number, name, quantity, key, epoch FROM log ORDER BY number")) {
        while (rs.next()) {
          Entry e = new Entry(rs.getLong(1), rs.getString(2), rs.getInt(3), key(rs.getString(4)), rs.getLong(5));
          if (e.number() != entries.size() + 1) {
            throw new SQLException("order log " + file + " has a gap before " + e.number());
          }
          entries.add(e);
        }
      }
    }
    return new Restored(epoch, lastNormalEpoch, Math.min(commitNumber, entries.size()), entries);
  }

  /** A key as the log stores it, {@link IdempotencyKey#wire()}. */
  private IdempotencyKey key(String wire) throws SQLException {
    try {
      return IdempotencyKey.parse(wire);
    } catch (InvalidRequestException e) {
      throw new SQLException("order log " + file + " holds a malformed key: " + e.getMessage(), e);
    }
  }

  /** Does {@code write} in one synced transaction. */
  void write(Write write) throws SQLException {
    Sqlite.inTransaction(db, () -> {
      if (write instanceof Write.SetEpoch w) {
        putMeta("epoch", w.epoch());
      } else if (write instanceof Write.SetNormalEpoch w) {
        putMeta("lastNormalEpoch", w.epoch());
      } else if (write instanceof Write.AppendEntries w) {
        insert(w.entries());
        putMeta("commitNumber", w.commitNumber());
      } else if (write instanceof Write.ReplaceFrom w) {
        replaceFrom(w);
      } else if (write instanceof Write.SetCommit w) {
        putMeta("commitNumber", w.commitNumber());
      }
      return null;
    });
  }

  /**
   * The Raft engine's apply: {@code entries} (possibly none) committed, and the Raft entry they came
   * from, in one synced transaction, so the database is a snapshot of the state machine at exactly
   * {@code term}, {@code index} (docs/DESIGN.md "Raft engine").
   */
  public void applyRaft(List<Entry> entries, long commitNumber, long term, long index) throws SQLException {
    Sqlite.inTransaction(db, () -> {
      insert(entries);
      putMeta("commitNumber", commitNumber);
      putMeta("raftTerm", term);
      putMeta("raftIndex", index);
      return null;
    });
  }

  public RaftApplied raftApplied() throws SQLException {
    long term = 0;
    long index = 0;
    try (Statement s = db.createStatement();
         ResultSet rs = s.executeQuery("SELECT name, value FROM meta WHERE name IN ('raftTerm', 'raftIndex')")) {
      while (rs.next()) {
        if (rs.getString(1).equals("raftTerm")) {
          term = rs.getLong(2);
        } else {
          index = rs.getLong(2);
        }
      }
    }
    return new RaftApplied(term, index);
  }

  private void replaceFrom(Write.ReplaceFrom w) throws SQLException {
    try (PreparedStatement delete = db.prepareStatement("DELETE FROM log WHERE number >= ?")) {
      delete.setLong(1, w.from());
      delete.executeUpdate();
    }
    insert(w.entries());
    putMeta("lastNormalEpoch", w.normalEpoch());
    putMeta("commitNumber", w.commitNumber());
  }

  private void insert(List<Entry> more) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO log VALUES (?, ?, ?, ?, ?)")) {
      for (Entry e : more) {
        insert.setLong(1, e.number());
        insert.setString(2, e.name());
        insert.setInt(3, e.quantity());
        insert.setString(4, e.key().wire());
        insert.setLong(5, e.epoch());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void putMeta(String name, long value) throws SQLException {
    try (PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO meta VALUES (?, ?)")) {
      put.setString(1, name);
      put.setLong(2, value);
      put.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
