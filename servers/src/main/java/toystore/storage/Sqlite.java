package toystore.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the embedded databases: WAL with a full sync on every commit, so a commit is on disk. */
public final class Sqlite {
  private Sqlite() {}

  public static Connection open(Path file) throws SQLException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file.getParent(), e);
    }
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA busy_timeout=5000");
    }
    return connection;
  }

  /** Runs {@code work} in one transaction: all of it is committed (and synced), or none. */
  public static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run();
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** A unit of database work. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run() throws SQLException;
  }
}
