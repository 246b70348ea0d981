package toystore.frontend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import toystore.storage.Sqlite;

/** The highest epoch this frontend has handed out, kept in {@code frontend.db} so it never goes down. */
final class EpochStore implements AutoCloseable {
  private final Connection db;

  EpochStore(Path file) throws SQLException {
    db = Sqlite.open(file);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS epoch (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)");
      s.execute("INSERT OR IGNORE INTO epoch VALUES (1, 0)");
    }
  }

  synchronized long highest() throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM epoch")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** Records {@code epoch} before it is used, so a restarted frontend never reuses it. */
  synchronized void record(long epoch) throws SQLException {
    try (PreparedStatement update = db.prepareStatement("UPDATE epoch SET value = MAX(value, ?)")) {
      update.setLong(1, epoch);
      update.executeUpdate();
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
