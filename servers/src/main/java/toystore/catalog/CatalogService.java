package toystore.catalog;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.http.HttpError;
import toystore.http.JsonServer;
import toystore.http.RequestIds;
import toystore.model.Product;
import toystore.model.State;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Fence;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseBatch;
import toystore.wire.catalog.PurchaseBatchResult;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;

/**
 * The catalog: toys, prices and stock in {@code catalog.db}; purchases by idempotency key, fenced by
 * the order leader's epoch; a restock timer; an invalidation pushed to the frontend after every
 * change, to every frontend.
 */
public final class CatalogService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

  /** Everything the catalog needs to run. */
  public record Config(
      String host, int port, Path dataDir, List<String> frontendUrls, Duration restockInterval, String clusterSecret) {}

  private final CatalogStore store;
  private final JsonServer server;
  private final InvalidationFanOut pusher;
  private final PurchaseBatcher purchases;
  private final ScheduledExecutorService restocker;

  public CatalogService(Config config, OkHttpClient http) throws SQLException {
    this.store = new CatalogStore(config.dataDir().resolve("catalog.db"));
    this.pusher = new InvalidationFanOut(http, config.frontendUrls(), config.clusterSecret());
    PrometheusRegistry metrics = new PrometheusRegistry();
    CatalogMetrics.register(metrics, store);
    this.purchases = new PurchaseBatcher(store, pusher::push, metrics);
    this.server = new JsonServer("catalog", config.host(), config.port(), 128,
        JsonServer.Guard.internalRoutes(config.clusterSecret()),
        // Purchases and product reads are the clients' work; the rest is the protocol with the leader.
        JsonServer.Admission.limiting("/internal/products", "/internal/products/:name", "/internal/buy"), metrics);
    server.get("/health", (req, res) -> Map.of("status", State.UP, "service", "catalog", "epoch", store.epoch()));
    server.get("/internal/products", (req, res) -> store.readAll());
    server.get("/internal/products/:name", (req, res) ->
        store.read(req.params("name")).orElseThrow(() -> new HttpError(404, "product not found")));
    server.post("/internal/buy", (req, res) -> buy(req));
    server.get("/internal/ledger", (req, res) -> store.ledger());
    server.get("/internal/purchases/unsettled", (req, res) -> store.unsettled(System.currentTimeMillis()
        - JsonServer.longParameter(req.queryParamOrDefault("olderThanMs", "60000"))));
    server.post("/internal/purchases/settle", (req, res) -> {
      List<CatalogItem> changed = store.settle(settlement(req));
      changed.forEach(pusher::push);
      return Map.of("restored", changed.size());
    });
    server.post("/internal/epoch", (req, res) -> new Fence(store.fence(fence(req).epoch())));
    this.restocker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "restocker");
      t.setDaemon(true);
      return t;
    });
    long every = config.restockInterval().toMillis();
    restocker.scheduleWithFixedDelay(this::restock, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * The toys a new catalog starts with (docs/API.md §2), for code that must size a store before it
   * runs (a cache as large as the catalog); a running store lists its toys at {@code GET /products}.
   */
  public static List<Product> defaultToys() {
    return CatalogStore.DEFAULT_TOYS.stream().map(CatalogItem::product).toList();
  }

  /** A leader's purchases, each bought or refused on its own; a malformed one refuses the whole request. */
  private PurchaseBatchResult buy(spark.Request request) throws InterruptedException {
    PurchaseBatch batch = JsonServer.body(request, PurchaseBatch.class);
    if (batch.items() == null || batch.items().isEmpty() || batch.items().stream().anyMatch(CatalogService::malformed)) {
      throw new HttpError(400, "malformed purchase");
    }
    List<CatalogStore.Outcome> outcomes = purchases.buy(batch.items().stream().map(PurchaseBatch.Item::purchase).toList());
    List<PurchaseBatchResult.Item> answers = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      CatalogStore.Outcome outcome = outcomes.get(i);
      PurchaseBatch.Item item = batch.items().get(i);
      if (outcome.error() != null) {
        answers.add(PurchaseBatchResult.Item.refused(outcome.error().status(), outcome.error().getMessage()));
      } else {
        RequestIds.during(item.requestId(), () -> logSale(item.purchase(), outcome.result()));
        answers.add(PurchaseBatchResult.Item.of(outcome.result()));
      }
    }
    return new PurchaseBatchResult(answers);
  }

  private static boolean malformed(PurchaseBatch.Item item) {
    Purchase purchase = item == null ? null : item.purchase();
    return purchase == null || purchase.name() == null || purchase.key() == null || purchase.quantity() < 1
        || purchase.epoch() < 0;
  }

  private static void logSale(Purchase purchase, PurchaseResult result) {
    if (result.repeated()) {
      log.info("purchase of {} x {} repeated: nothing taken", purchase.quantity(), result.item().name());
    } else {
      log.info("sold {} x {} for epoch {}: {} left", purchase.quantity(), result.item().name(), purchase.epoch(),
          result.item().quantity());
    }
  }

  private static Settlement settlement(spark.Request request) {
    Settlement settlement = JsonServer.body(request, Settlement.class);
    if (settlement.ordered() == null || settlement.orphaned() == null || settlement.ordered().contains(null)
        || settlement.orphaned().contains(null) || settlement.epoch() < 0 || settlement.boughtBeforeMillis() < 0) {
      throw new HttpError(400, "malformed settlement");
    }
    return settlement;
  }

  private static Fence fence(spark.Request request) {
    Fence fence = JsonServer.body(request, Fence.class);
    if (fence.epoch() < 0) {
      throw new HttpError(400, "malformed epoch");
    }
    return fence;
  }

  private void restock() {
    try {
      for (CatalogItem item : store.restockEmpty()) {
        log.info("restocked {} to {}", item.name(), item.quantity());
        pusher.push(item);
      }
    } catch (SQLException | RuntimeException e) {
      log.error("restock failed", e);
    }
  }

  public CatalogService start() {
    server.start();
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Every route this service answers, with whether it needs the token (for the route audit test). */
  public List<JsonServer.Route> routes() {
    return server.routes();
  }

  @Override
  public void close() throws SQLException {
    restocker.shutdownNow();
    server.stop();
    purchases.close();
    pusher.close();
    store.close();
  }
}
