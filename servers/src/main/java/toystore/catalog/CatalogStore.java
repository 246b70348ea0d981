package toystore.catalog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import toystore.http.HttpError;
import toystore.model.IdempotencyKey;
import toystore.model.InvalidRequestException;
import toystore.model.OrderRequest;
import toystore.storage.Sqlite;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.LedgerRow;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

/**
 * The catalog's SQLite database: toys with price, stock and version, every purchase by its
 * idempotency key, and the highest order-leader epoch seen (the fence). One connection, one writer
 * at a time; each change is one synced transaction.
 */
final class CatalogStore implements AutoCloseable {
  static final int INITIAL_STOCK = 100;

  /** The default toys (docs/API.md §2). */
  static final List<CatalogItem> DEFAULT_TOYS = List.of(
      new CatalogItem("Tux", 25.99, INITIAL_STOCK, 1),
      new CatalogItem("Whale", 34.99, INITIAL_STOCK, 1),
      new CatalogItem("Elephant", 29.99, INITIAL_STOCK, 1),
      new CatalogItem("Fox", 19.99, INITIAL_STOCK, 1),
      new CatalogItem("Python", 22.10, INITIAL_STOCK, 1),
      new CatalogItem("Dolphin", 15.99, INITIAL_STOCK, 1),
      new CatalogItem("Barbie", 24.99, INITIAL_STOCK, 1),
      new CatalogItem("Lego", 49.99, INITIAL_STOCK, 1),
      new CatalogItem("Frisbee", 9.99, INITIAL_STOCK, 1),
      new CatalogItem("Marbles", 4.99, INITIAL_STOCK, 1),
      new CatalogItem("Slinky", 6.99, INITIAL_STOCK, 1),
      new CatalogItem("Yo-Yo", 3.99, INITIAL_STOCK, 1));

  static final String STALE_EPOCH = "stale epoch: a newer order leader exists";

  private final Connection db;
  /**
   * A second connection for product queries: in WAL mode a reader never waits for the writer, so
   * an uncached query does not queue behind a batch of purchases and its fsync.
   */
  private final Connection reads;
  /**
   * The highest epoch seen, as committed: raised only after the transaction that stores it.
   * Volatile for {@link #epoch()}, which must not wait behind a batch's fsync.
   */
  private volatile long epoch;

  CatalogStore(Path file) throws SQLException {
    db = Sqlite.open(file);
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS toys ("
          + "name TEXT PRIMARY KEY, lookup TEXT NOT NULL UNIQUE, price REAL NOT NULL,"
          + "quantity INTEGER NOT NULL CHECK (quantity >= 0), initial INTEGER NOT NULL,"
          + "restocked INTEGER NOT NULL, sold INTEGER NOT NULL, version INTEGER NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS purchases ("
          + "key TEXT PRIMARY KEY, name TEXT NOT NULL, quantity INTEGER NOT NULL, at_ms INTEGER NOT NULL,"
          + " settled INTEGER NOT NULL DEFAULT 0, epoch INTEGER NOT NULL DEFAULT 0)");
      addEpochColumnIfMissing(s);
      // The leader lists unsettled purchases every few seconds under the writer's lock: without
      // this index each listing reads every purchase ever made.
      s.execute("CREATE INDEX IF NOT EXISTS purchases_unsettled ON purchases (at_ms) WHERE settled = 0");
      s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'epoch'")) {
        epoch = rs.next() ? rs.getLong(1) : 0;
      }
    }
    seedIfEmpty();
    reads = Sqlite.open(file);
  }

  /** A catalog.db from before fencing has no epoch per purchase; its purchases count as epoch 0. */
  private static void addEpochColumnIfMissing(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT 1 FROM pragma_table_info('purchases') WHERE name = 'epoch'")) {
      if (rs.next()) {
        return;
      }
    }
    s.execute("ALTER TABLE purchases ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0");
  }

  private synchronized void seedIfEmpty() throws SQLException {
    Sqlite.inTransaction(db, () -> {
      try (PreparedStatement insert = db.prepareStatement(
          "INSERT OR IGNORE INTO toys VALUES (?, ?, ?, ?, ?, 0, 0, 1)")) {
        for (CatalogItem toy : DEFAULT_TOYS) {
          insert.setString(1, toy.name());
          insert.setString(2, lookupKey(toy.name()));
          insert.setDouble(3, toy.price());
          insert.setInt(4, toy.quantity());
          insert.setInt(5, toy.quantity());
          insert.executeUpdate();
        }
      }
      return null;
    });
  }

  static String lookupKey(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The toy as last committed, by case-insensitive name; never waits for purchases being written. */
  Optional<CatalogItem> read(String name) throws SQLException {
    synchronized (reads) {
      return find(reads, name);
    }
  }

  /** Every toy as last committed, in the catalog's order (the seed's); never waits for purchases being written. */
  List<CatalogItem> readAll() throws SQLException {
    synchronized (reads) {
      List<CatalogItem> toys = new ArrayList<>();
      try (Statement s = reads.createStatement();
          ResultSet rs = s.executeQuery("SELECT name, price, quantity, version FROM toys ORDER BY rowid")) {
        while (rs.next()) {
          toys.add(item(rs));
        }
      }
      return toys;
    }
  }

  /** The toy as this writer sees it (inside a transaction: with its own changes). */
  private Optional<CatalogItem> find(String name) throws SQLException {
    return find(db, name);
  }

  private static Optional<CatalogItem> find(Connection connection, String name) throws SQLException {
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT name, price, quantity, version FROM toys WHERE lookup = ?")) {
      q.setString(1, lookupKey(name));
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(item(rs)) : Optional.empty();
      }
    }
  }

  /** One purchase's outcome in a batch: its result, or the error to answer it with. */
  record Outcome(PurchaseResult result, HttpError error) {}

  /**
   * Takes stock for every purchase in one transaction (one fsync for the batch), each once per key
   * and atomically: never below zero, whatever the concurrency. A repeated key answers with the toy
   * as it is now and takes nothing. A purchase that fails (404 unknown toy, 409 not enough stock,
   * 421 an epoch older than one already seen, 422 key reused for another purchase) changes nothing
   * and does not affect the others. A newer epoch raises the fence in the same transaction, for
   * the rest of the batch too: a deposed leader's purchase queued behind its successor's is refused.
   */
  synchronized List<Outcome> buyAll(List<Purchase> purchases) throws SQLException {
    Batch batch = Sqlite.inTransaction(db, () -> {
      List<Outcome> outcomes = new ArrayList<>();
      long highest = epoch;
      for (Purchase purchase : purchases) {
        try {
          if (purchase.epoch() < highest) {
            throw new HttpError(421, STALE_EPOCH);
          }
          highest = purchase.epoch();
          outcomes.add(new Outcome(buyInTransaction(purchase), null));
        } catch (HttpError e) {
          outcomes.add(new Outcome(null, e));
        }
      }
      if (highest > epoch) {
        storeEpoch(highest);
      }
      return new Batch(outcomes, highest);
    });
    epoch = batch.epoch();
    return batch.outcomes();
  }

  private record Batch(List<Outcome> outcomes, long epoch) {}

  private PurchaseResult buyInTransaction(Purchase purchase) throws SQLException {
    CatalogItem toy = find(purchase.name()).orElseThrow(() -> new HttpError(404, "product not found"));
    try (PreparedStatement q = db.prepareStatement("SELECT name, quantity FROM purchases WHERE key = ?")) {
      q.setString(1, purchase.key().wire());
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          OrderRequest earlier = new OrderRequest(rs.getString(1), rs.getInt(2));
          if (!earlier.sameOrderAs(new OrderRequest(toy.name(), purchase.quantity()))) {
            throw new HttpError(422, OrderRequest.KEY_REUSED);
          }
          return new PurchaseResult(toy, true);
        }
      }
    }
    try (PreparedStatement take = db.prepareStatement(
        "UPDATE toys SET quantity = quantity - ?, sold = sold + ?, version = version + 1"
            + " WHERE name = ? AND quantity >= ?")) {
      take.setInt(1, purchase.quantity());
      take.setInt(2, purchase.quantity());
      take.setString(3, toy.name());
      take.setInt(4, purchase.quantity());
      if (take.executeUpdate() == 0) {
        throw new HttpError(409, "not enough stock");
      }
    }
    try (PreparedStatement record = db.prepareStatement(
        "INSERT INTO purchases (key, name, quantity, at_ms, epoch) VALUES (?, ?, ?, ?, ?)")) {
      record.setString(1, purchase.key().wire());
      record.setString(2, toy.name());
      record.setInt(3, purchase.quantity());
      record.setLong(4, System.currentTimeMillis());
      record.setLong(5, purchase.epoch());
      record.executeUpdate();
    }
    return new PurchaseResult(find(toy.name()).orElseThrow(), false);
  }

  /** Sets every toy at 0 back to its initial stock; returns the restocked toys. */
  synchronized List<CatalogItem> restockEmpty() throws SQLException {
    return Sqlite.inTransaction(db, () -> {
      try (Statement s = db.createStatement()) {
        List<String> empty = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT name FROM toys WHERE quantity = 0")) {
          while (rs.next()) {
            empty.add(rs.getString(1));
          }
        }
        s.executeUpdate("UPDATE toys SET quantity = initial, restocked = restocked + initial,"
            + " version = version + 1 WHERE quantity = 0");
        List<CatalogItem> restocked = new ArrayList<>();
        for (String name : empty) {
          restocked.add(find(name).orElseThrow());
        }
        return restocked;
      }
    });
  }

  /** Purchases not yet matched to a committed order, made before {@code beforeMillis}, with that cut-off. */
  synchronized Unsettled unsettled(long beforeMillis) throws SQLException {
    List<Purchase> found = new ArrayList<>();
    try (PreparedStatement q = db.prepareStatement(
        "SELECT name, quantity, key, epoch FROM purchases WHERE settled = 0 AND at_ms < ? ORDER BY at_ms LIMIT 1000")) {
      q.setLong(1, beforeMillis);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.add(new Purchase(rs.getString(1), rs.getInt(2), key(rs.getString(3)), rs.getLong(4)));
        }
      }
    }
    return new Unsettled(beforeMillis, found);
  }

  /** A key as the purchases table stores it, {@link IdempotencyKey#wire()}. */
  private IdempotencyKey key(String wire) throws SQLException {
    try {
      return IdempotencyKey.parse(wire);
    } catch (InvalidRequestException e) {
      throw new SQLException("the purchases table holds a malformed key: " + e.getMessage(), e);
    }
  }

  /**
   * Marks purchases whose orders are committed as settled, and gives back the stock of those that
   * never became an order (their key is forgotten, so a late retry buys afresh), if made before the
   * settlement's cut-off: a purchase its key made since was not judged, so a late copy of the
   * settlement leaves it alone (docs/DESIGN.md). Returns the toys whose stock changed. A settlement
   * from an epoch older than one already seen is a 421 and changes nothing: a deposed leader's log
   * may lack orders its successor has since committed.
   */
  synchronized List<CatalogItem> settle(Settlement settlement) throws SQLException {
    if (settlement.epoch() < epoch) {
      throw new HttpError(421, STALE_EPOCH);
    }
    List<CatalogItem> items = Sqlite.inTransaction(db, () -> {
      if (settlement.epoch() > epoch) {
        storeEpoch(settlement.epoch());
      }
      try (PreparedStatement settle = db.prepareStatement("UPDATE purchases SET settled = 1 WHERE key = ?")) {
        for (IdempotencyKey key : settlement.ordered()) {
          settle.setString(1, key.wire());
          settle.addBatch();
        }
        settle.executeBatch();
      }
      List<String> changed = new ArrayList<>();
      try (PreparedStatement find = db.prepareStatement(
              "SELECT name, quantity FROM purchases WHERE key = ? AND settled = 0 AND at_ms < ?");
          PreparedStatement forget = db.prepareStatement("DELETE FROM purchases WHERE key = ?");
          PreparedStatement giveBack = db.prepareStatement(
              "UPDATE toys SET quantity = quantity + ?, sold = sold - ?, version = version + 1 WHERE name = ?")) {
        for (IdempotencyKey key : settlement.orphaned()) {
          find.setString(1, key.wire());
          find.setLong(2, settlement.boughtBeforeMillis());
          try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
              continue;
            }
            giveBack.setInt(1, rs.getInt(2));
            giveBack.setInt(2, rs.getInt(2));
            giveBack.setString(3, rs.getString(1));
            giveBack.executeUpdate();
            changed.add(rs.getString(1));
          }
          forget.setString(1, key.wire());
          forget.executeUpdate();
        }
      }
      List<CatalogItem> restored = new ArrayList<>();
      for (String name : changed.stream().distinct().toList()) {
        restored.add(find(name).orElseThrow());
      }
      return restored;
    });
    epoch = Math.max(epoch, settlement.epoch());
    return items;
  }

  /**
   * Raises the fence to {@code newEpoch} (never lowers it), so a new leader can shut out its
   * predecessor before its own first purchase. Returns the highest epoch seen.
   */
  synchronized long fence(long newEpoch) throws SQLException {
    if (newEpoch > epoch) {
      Sqlite.inTransaction(db, () -> {
        storeEpoch(newEpoch);
        return null;
      });
      epoch = newEpoch;
    }
    return epoch;
  }

  /** The highest epoch seen (for {@code /health}); never waits for the writer. */
  long epoch() {
    return epoch;
  }

  /** Inside the transaction that acts on behalf of {@code newEpoch}. */
  private void storeEpoch(long newEpoch) throws SQLException {
    try (PreparedStatement put = db.prepareStatement(
        "INSERT INTO meta (name, value) VALUES ('epoch', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
      put.setLong(1, newEpoch);
      put.executeUpdate();
    }
  }

  synchronized List<LedgerRow> ledger() throws SQLException {
    List<LedgerRow> rows = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT name, price, quantity, initial, restocked, sold, version FROM toys ORDER BY rowid")) {
      while (rs.next()) {
        rows.add(new LedgerRow(rs.getString(1), rs.getDouble(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6), rs.getLong(7)));
      }
    }
    return rows;
  }

  private static CatalogItem item(ResultSet rs) throws SQLException {
    return new CatalogItem(rs.getString(1), rs.getDouble(2), rs.getInt(3), rs.getLong(4));
  }

  @Override
  public synchronized void close() throws SQLException {
    synchronized (reads) {
      reads.close();
    }
    db.close();
  }
}
