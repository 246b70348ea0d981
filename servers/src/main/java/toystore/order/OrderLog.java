package toystore.order;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import toystore.storage.Sqlite;
import toystore.wire.order.Entry;

/**
 * A replica's durable state: its order log and the epochs it has promised, in SQLite, mirrored in
 * memory for fast reads. Every write is one synced transaction, and memory changes only after the
 * disk did, so a failed write (disk full, I/O error) leaves memory as the disk is. The one
 * exception is the leader's batch: it goes to memory first ({@link #appendInMemory}, then
 * {@link #persist}) so that its own disk write overlaps with the followers', and it counts towards a
 * majority only once written; if the write fails or the leader steps down first,
 * {@link #dropUnwritten} takes it out of memory again. {@link Replica}'s lock guards the memory
 * side; the database has its own lock, because {@link #persist} runs without the replica's lock.
 *
 * <p>The commit number is kept in memory and written lazily (with the next write, or by
 * {@link #flushCommit}): a stale, lower commit number after a crash is always safe.
 *
 * <p>Each entry carries a chained digest (SHA-256 of the previous digest and the entry), so the
 * digest at n is equal on two replicas exactly when their logs up to n are equal.
 */
final class OrderLog implements AutoCloseable {
  private static final String GENESIS = sha256("toystore-order-log");

  private final Connection db;
  /** Guards {@link #db}, {@link #generation} and {@link #persistedCommit}. */
  private final Object dbLock = new Object();
  private final List<Entry> entries = new ArrayList<>();
  private final List<String> chain = new ArrayList<>();
  private final Map<String, Long> numberByKey = new HashMap<>();
  private long epoch;
  private long lastNormalEpoch;
  private volatile long commitNumber;
  private long persistedCommit;
  /** The highest number written to disk. */
  private volatile long durableNumber;
  /** Bumped whenever the tail is replaced, so a write of entries replaced meanwhile is dropped. */
  private long generation;

  OrderLog(Path file) throws SQLException {
    db = Sqlite.open(file);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS log (number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
          + " quantity INTEGER NOT NULL, key TEXT NOT NULL UNIQUE, epoch INTEGER NOT NULL)");
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
          Entry e = new Entry(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5));
          if (e.number() != entries.size() + 1) {
            throw new SQLException("order log " + file + " has a gap before " + e.number());
          }
          remember(e);
        }
      }
    }
    commitNumber = Math.min(commitNumber, lastNumber());
    persistedCommit = commitNumber;
    durableNumber = lastNumber();
  }

  long epoch() {
    return epoch;
  }

  long lastNormalEpoch() {
    return lastNormalEpoch;
  }

  /** The highest number this replica knows to be committed (never above the truth). */
  long commitNumber() {
    return commitNumber;
  }

  long lastNumber() {
    return entries.size();
  }

  /** The highest number on disk; below {@link #lastNumber} while a leader's batch is being written. */
  long durableNumber() {
    return durableNumber;
  }

  Entry get(long number) {
    return number >= 1 && number <= entries.size() ? entries.get((int) (number - 1)) : null;
  }

  /** The number of the entry with this idempotency key, or null. */
  Long numberOfKey(String key) {
    return numberByKey.get(key);
  }

  /** Up to {@code max} entries from {@code from} on. */
  List<Entry> range(long from, int max) {
    int start = (int) Math.max(from - 1, 0);
    int end = (int) Math.min(entries.size(), (long) start + max);
    return start >= end ? List.of() : List.copyOf(entries.subList(start, end));
  }

  /** The digest of the log up to and including {@code number} (0: the empty log). */
  String digestAt(long number) {
    return number == 0 ? GENESIS : chain.get((int) (number - 1));
  }

  void setEpoch(long newEpoch) throws SQLException {
    synchronized (dbLock) {
      Sqlite.inTransaction(db, () -> {
        putMeta("epoch", newEpoch);
        return null;
      });
    }
    epoch = newEpoch;
  }

  void setLastNormalEpoch(long newEpoch) throws SQLException {
    synchronized (dbLock) {
      Sqlite.inTransaction(db, () -> {
        putMeta("lastNormalEpoch", newEpoch);
        return null;
      });
    }
    lastNormalEpoch = newEpoch;
  }

  /**
   * A follower's append: entries that continue the log, and the commit number, on disk first and
   * only then in memory, so a failed write (disk full, I/O error) leaves memory exactly as the disk.
   */
  void append(List<Entry> more, long newCommit) throws SQLException {
    requireContinues(more);
    long last = lastNumber() + more.size();
    long commit = Math.max(commitNumber, Math.min(newCommit, last));
    synchronized (dbLock) {
      Sqlite.inTransaction(db, () -> {
        insert(more);
        putMeta("commitNumber", commit);
        return null;
      });
      persistedCommit = commit;
      durableNumber = last;
    }
    more.forEach(this::remember);
    commitNumber = commit;
  }

  /** Adds entries that continue the log to memory only; {@link #persist} writes them. */
  void appendInMemory(List<Entry> more) {
    requireContinues(more);
    more.forEach(this::remember);
  }

  private void requireContinues(List<Entry> more) {
    for (int i = 0; i < more.size(); i++) {
      if (more.get(i).number() != lastNumber() + 1 + i) {
        throw new IllegalArgumentException("entry " + more.get(i).number() + " does not follow " + lastNumber());
      }
    }
  }

  /**
   * Forgets the entries appended in memory but not (yet) on disk, and stops any write of them still
   * to come: after a failed write, or when a leader steps down, memory must not claim more than the
   * disk holds. The commit number is lowered to the log's end with them (it is knowledge, not a promise).
   */
  void dropUnwritten() {
    synchronized (dbLock) {
      generation++;
      forgetAbove(durableNumber);
    }
    commitNumber = Math.min(commitNumber, lastNumber());
  }

  /** What {@link #persist} needs to know whether the entries it writes are still the log's. */
  long generation() {
    synchronized (dbLock) {
      return generation;
    }
  }

  /**
   * Writes entries already appended in memory, with the commit number, in one transaction. Returns
   * false, writing nothing, when the tail was replaced since {@code generationSeen}.
   */
  boolean persist(List<Entry> appended, long generationSeen) throws SQLException {
    synchronized (dbLock) {
      if (generation != generationSeen) {
        return false;
      }
      long commit = Math.min(commitNumber, appended.isEmpty() ? durableNumber : appended.get(appended.size() - 1).number());
      Sqlite.inTransaction(db, () -> {
        insert(appended);
        putMeta("commitNumber", Math.max(commit, persistedCommit));
        return null;
      });
      persistedCommit = Math.max(commit, persistedCommit);
      if (!appended.isEmpty()) {
        durableNumber = appended.get(appended.size() - 1).number();
      }
      return true;
    }
  }

  /**
   * Replaces everything from {@code from} on with {@code replacement} (entries from, from+1, …) and
   * records that the log now follows the leader of {@code normalEpoch}, in one transaction.
   */
  void replaceFrom(long from, List<Entry> replacement, long normalEpoch, long newCommit) throws SQLException {
    if (from < 1 || from > lastNumber() + 1) {
      throw new IllegalArgumentException("cannot replace from " + from + " with " + lastNumber() + " entries");
    }
    for (int i = 0; i < replacement.size(); i++) {
      if (replacement.get(i).number() != from + i) {
        throw new IllegalArgumentException("replacement entries are not contiguous from " + from);
      }
    }
    long last = from - 1 + replacement.size();
    long commit = Math.min(Math.max(commitNumber, newCommit), last);
    synchronized (dbLock) {
      Sqlite.inTransaction(db, () -> {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM log WHERE number >= ?")) {
          delete.setLong(1, from);
          delete.executeUpdate();
        }
        insert(replacement);
        putMeta("lastNormalEpoch", normalEpoch);
        putMeta("commitNumber", commit);
        return null;
      });
      generation++;
      persistedCommit = commit;
      durableNumber = last;
    }
    forgetAbove(from - 1);
    replacement.forEach(this::remember);
    lastNormalEpoch = normalEpoch;
    commitNumber = commit;
  }

  /** Raises the commit number in memory (never lowers it, never past the log). */
  void setCommit(long newCommit) {
    commitNumber = Math.max(commitNumber, Math.min(newCommit, lastNumber()));
  }

  /** Writes the commit number if it moved since it was last written. */
  void flushCommit() throws SQLException {
    synchronized (dbLock) {
      long commit = Math.min(commitNumber, durableNumber);
      if (commit <= persistedCommit) {
        return;
      }
      Sqlite.inTransaction(db, () -> {
        putMeta("commitNumber", commit);
        return null;
      });
      persistedCommit = commit;
    }
  }

  private void insert(List<Entry> more) throws SQLException {
    try (PreparedStatement insert = db.prepareStatement("INSERT INTO log VALUES (?, ?, ?, ?, ?)")) {
      for (Entry e : more) {
        insert.setLong(1, e.number());
        insert.setString(2, e.name());
        insert.setInt(3, e.quantity());
        insert.setString(4, e.key());
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

  /** Drops the in-memory entries above {@code number}. */
  private void forgetAbove(long number) {
    while (entries.size() > number) {
      Entry removed = entries.remove(entries.size() - 1);
      chain.remove(chain.size() - 1);
      numberByKey.remove(removed.key());
    }
  }

  private void remember(Entry e) {
    String previous = digestAt(entries.size());
    entries.add(e);
    chain.add(sha256(previous + '|' + e.number() + '|' + e.name() + '|' + e.quantity() + '|' + e.key()));
    numberByKey.put(e.key(), e.number());
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public void close() throws SQLException {
    flushCommit();
    synchronized (dbLock) {
      db.close();
    }
  }
}
