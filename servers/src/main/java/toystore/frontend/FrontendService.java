package toystore.frontend;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.cache.ProductCache;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.config.Replication;
import toystore.http.HttpError;
import toystore.http.JsonServer;
import toystore.metrics.StageTimes;
import toystore.model.IdempotencyKey;
import toystore.model.InvalidRequestException;
import toystore.model.OrderReceipt;
import toystore.model.OrderRequest;
import toystore.model.OrderRequests;
import toystore.model.Product;
import toystore.model.ServiceStatus;
import toystore.model.State;
import toystore.model.StoreStatus;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Invalidation;
import toystore.wire.catalog.Invalidations;
import toystore.wire.order.Messages;

/**
 * The public face of the store (docs/API.md §1): products through the cache, orders through the
 * leader, which the frontend elects itself in lab mode and follows in raft mode ({@link LeaderSource}).
 */
public final class FrontendService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FrontendService.class);

  /** Everything the frontend needs to run. */
  public record Config(String host, int port, Path dataDir, String catalogUrl, List<ReplicaAddress> replicas,
                       boolean cacheEnabled, int cacheSize, Duration retryDeadline, String clusterSecret,
                       Replication replication) {}

  private final ProductCache cache;
  private final CatalogClient catalog;
  private final JsonHttpClient catalogHealth;
  private final Replication replication;
  private final LeaderSource selector;
  private final OrderForwarder orders;
  private final StageTimes<OrderStage> stages;
  private final JsonServer server;

  public FrontendService(Config config, OkHttpClient http) throws SQLException {
    this.cache = new ProductCache(config.cacheEnabled(), config.cacheSize());
    this.catalog = new CatalogClient(http, config.catalogUrl(), config.clusterSecret());
    this.catalogHealth = new JsonHttpClient(http.newBuilder().callTimeout(Duration.ofMillis(500)).build(),
        config.catalogUrl(), null);
    this.replication = config.replication();
    this.selector = leaders(config, http);
    this.orders = new OrderForwarder(selector, config.retryDeadline());
    PrometheusRegistry metrics = new PrometheusRegistry();
    FrontendMetrics.register(metrics, cache, selector);
    this.stages = new StageTimes<>(metrics, "toystore_frontend_order_stage_seconds",
        "Time one order spent in each stage on the frontend (parse, forward, total)", OrderStage.class);
    this.server = new JsonServer("frontend", config.host(), config.port(), 128,
        JsonServer.Guard.internalRoutes(config.clusterSecret()),
        JsonServer.Admission.limiting("/products", "/products/:name", "/orders", "/orders/:number", "/status"), metrics);
    server.get("/health", (req, res) -> Map.of("status", State.UP, "service", "frontend"));
    server.get("/products", (req, res) -> products());
    server.get("/products/:name", (req, res) -> product(req.params("name")));
    server.post("/orders", (req, res) -> placeOrder(req.body(), req.headers("Idempotency-Key")));
    server.get("/orders/:number", (req, res) -> orders.lookup(orderNumber(req.params("number"))));
    server.get("/status", (req, res) -> status());
    server.post("/internal/invalidate", (req, res) -> {
      List<Invalidation> invalidations = invalidations(req);
      invalidations.forEach(cache::invalidate);
      return Map.of("invalidated", invalidations.size());
    });
  }

  /** Lab: the frontend's own election, epochs in {@code frontend.db}; raft: it follows Raft's leader and keeps no epochs. */
  private static LeaderSource leaders(Config config, OkHttpClient http) throws SQLException {
    return switch (config.replication()) {
      case LAB -> new LeaderSelector(config.replicas(), http, config.clusterSecret(),
          new EpochStore(config.dataDir().resolve("frontend.db")));
      case RAFT -> new RaftLeaderFinder(config.replicas(), http, config.clusterSecret());
    };
  }

  /** Every toy from the catalog itself: a listing neither fills the cache nor counts as a hit or miss. */
  private List<Product> products() {
    try {
      return catalog.all().stream().map(CatalogItem::product).toList();
    } catch (IOException e) {
      throw new HttpError(503, "catalog unavailable");
    }
  }

  private Object product(String name) {
    if (name.equals(".") || name.equals("..")) {
      throw new HttpError(404, "product not found");
    }
    var cached = cache.get(name);
    if (cached.isPresent()) {
      return cached.get().product();
    }
    try {
      CatalogItem item = catalog.find(name);
      cache.fill(item);
      return item.product();
    } catch (ApiException e) {
      if (e.status() == 404) {
        throw new HttpError(404, "product not found");
      }
      throw new HttpError(503, "catalog unavailable");
    } catch (IOException e) {
      throw new HttpError(503, "catalog unavailable");
    }
  }

  private OrderReceipt placeOrder(String body, String idempotencyKey) {
    long started = System.nanoTime();
    try {
      return placeOrder(body, idempotencyKey, started);
    } finally {
      stages.since(OrderStage.TOTAL, started);
    }
  }

  private OrderReceipt placeOrder(String body, String idempotencyKey, long started) {
    OrderRequest request;
    IdempotencyKey key;
    try {
      request = OrderRequests.parse(body);
      key = idempotencyKey != null ? IdempotencyKey.client(idempotencyKey) : IdempotencyKey.fresh();
    } catch (InvalidRequestException e) {
      throw new HttpError(400, e.getMessage());
    }
    long forwarding = System.nanoTime();
    stages.took(OrderStage.PARSE, forwarding - started);
    Messages.OrderPlaced placed;
    try {
      placed = orders.place(new Messages.PlaceOrder(request.name(), request.quantity(), key));
    } finally {
      stages.since(OrderStage.FORWARD, forwarding);
    }
    // Before acknowledging: a product query that starts after this reply must not see older stock.
    // The toy as this purchase left it is the freshest copy there is: keep it (unless a newer
    // invalidation already came), so an order does not turn the next query into a miss.
    if (placed.item() != null) {
      cache.drop(placed.name(), placed.item().version());
      cache.fill(placed.item());
    } else {
      cache.evict(placed.name());
    }
    log.info("order {} placed: {} x {}", placed.number(), placed.quantity(), placed.name());
    return new OrderReceipt(placed.number());
  }

  private static List<Invalidation> invalidations(spark.Request request) {
    Invalidations body = JsonServer.body(request, Invalidations.class);
    if (body.invalidations() == null || body.invalidations().stream().anyMatch(i -> i == null || i.name() == null)) {
      throw new HttpError(400, "malformed invalidations");
    }
    return body.invalidations();
  }

  private static long orderNumber(String text) {
    try {
      long number = Long.parseLong(text);
      if (number >= 0 && text.chars().allMatch(Character::isDigit)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Falls through to the 400 below.
    }
    throw new HttpError(400, "order number must be a non-negative integer");
  }

  private StoreStatus status() {
    return new StoreStatus(selector.leaderId(), selector.statuses(),
        new ServiceStatus(catalog.url(), catalogUp() ? State.UP : State.DOWN), cache.status(), replication,
        selector.leadership());
  }

  private boolean catalogUp() {
    try {
      catalogHealth.get(List.of("health"), Object.class);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public FrontendService start() {
    selector.start();
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
  public void close() {
    server.stop();
    selector.close();
  }
}
