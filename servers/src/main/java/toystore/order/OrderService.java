package toystore.order;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import toystore.client.CatalogClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.config.Replication;
import toystore.http.HttpError;
import toystore.http.JsonServer;
import toystore.model.ReplicaStatus;
import toystore.order.protocol.Timing;
import toystore.order.raft.RaftEngine;
import toystore.order.raft.RaftPeers;
import toystore.order.raft.RaftSettings;
import toystore.wire.order.Messages;

/** One order replica as an HTTP service: {@code order-<id>.db} in the data directory. */
public final class OrderService implements AutoCloseable {
  /**
   * Everything a replica needs to run; {@code replicas} lists every replica, this one included.
   * {@code raftPeers} (every replica's Raft address) is used in {@link Replication#RAFT} only.
   */
  public record Config(String host, int port, Path dataDir, int id, List<ReplicaAddress> replicas,
                       String catalogUrl, String clusterSecret, Replication replication, RaftPeers raftPeers) {
    /** A lab-protocol replica. */
    public Config(String host, int port, Path dataDir, int id, List<ReplicaAddress> replicas, String catalogUrl,
                  String clusterSecret) {
      this(host, port, dataDir, id, replicas, catalogUrl, clusterSecret, Replication.LAB, null);
    }
  }

  private final OrderEngine engine;
  private final JsonServer server;

  public OrderService(Config config, OkHttpClient http) throws SQLException, IOException, InterruptedException {
    if (config.replicas().stream().noneMatch(r -> r.id() == config.id())) {
      throw new IllegalArgumentException("replica " + config.id() + " is not in the replica list");
    }
    PrometheusRegistry metrics = new PrometheusRegistry();
    CatalogClient catalog = new CatalogClient(http, config.catalogUrl(), config.clusterSecret());
    if (config.replication() == Replication.RAFT && config.raftPeers() == null) {
      throw new IllegalArgumentException("raft replication needs the Raft peers (--raft-peers)");
    }
    EngineFiles.checkOwnedBy(config.replication(), config.dataDir(), config.id());
    // The engine first: Spark starts serving with the first route, and /health must not answer before it.
    this.engine = config.replication() == Replication.RAFT
        ? new RaftEngine(config.id(), config.raftPeers(), EngineFiles.raft(config.dataDir(), config.id()), catalog,
            config.clusterSecret(), RaftSettings.standard())
        : labReplica(config, http, catalog, metrics);
    try {
      this.server = new JsonServer(ReplicaStatus.name(config.id()), config.host(), config.port(), 128,
          JsonServer.Guard.internalRoutes(config.clusterSecret()),
          // Orders are the clients' work; health, leadership and replication must answer under load.
          JsonServer.Admission.limiting("/internal/orders", "/internal/orders/:number"), metrics);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    // Raft's own traffic is Ratis's (docs/DESIGN.md "Raft engine"): the lab's peer routes are served in lab mode only.
    if (engine instanceof ReplicaNode replica) {
      serveLab(replica, config.id());
    }
    ReplicaGauges.register(metrics, engine::view);
    serve(engine, config.id());
  }

  private static ReplicaNode labReplica(Config config, OkHttpClient http, CatalogClient catalog,
                                        PrometheusRegistry metrics) throws SQLException {
    OkHttpClient replication = http.newBuilder().callTimeout(Duration.ofSeconds(1)).build();
    List<ReplicaClient> peers = new ArrayList<>();
    for (ReplicaAddress address : config.replicas()) {
      if (address.id() != config.id()) {
        peers.add(new ReplicaClient(replication, address, config.clusterSecret()));
      }
    }
    OrderLog orderLog = new OrderLog(EngineFiles.lab(config.dataDir(), config.id()));
    return new ReplicaNode(config.id(), orderLog, peers, catalog, new BatchMetrics(metrics),
        new OrderStages(metrics), new PeerMessages(metrics), Timing.standard());
  }

  /** The lab protocol's own peer routes: lead, join, append (docs/API.md §4). */
  private void serveLab(ReplicaNode replica, int id) {
    server.post("/internal/lead", (req, res) -> {
      long epoch = JsonServer.body(req, Messages.Lead.class).epoch();
      return Outcomes.toHttp(replica.lead(epoch), id);
    });
    server.post("/internal/join", (req, res) ->
        Outcomes.toHttp(replica.join(JsonServer.body(req, Messages.Join.class)), id));
    server.post("/internal/append", (req, res) ->
        Outcomes.toHttp(replica.append(JsonServer.body(req, Messages.Append.class)), id));
  }

  /** The routes every engine answers; the lab protocol's own (lead, join, append) are above. */
  private void serve(OrderEngine engine, int id) {
    server.get("/health", (req, res) -> engine.health());
    server.get("/internal/log", (req, res) -> engine.logPage(JsonServer.longParameter(req.queryParamOrDefault("from", "1")),
        LogReader.of(req.queryParams("reader"))));
    server.get("/internal/view-changes", (req, res) -> engine.viewChanges());
    server.post("/internal/orders", (req, res) -> Outcomes.toHttp(engine.place(placeOrder(req)), id));
    server.get("/internal/orders/:number", (req, res) ->
        Outcomes.toHttp(engine.read(JsonServer.longParameter(req.params("number"))), id));
  }

  private static Messages.PlaceOrder placeOrder(spark.Request req) {
    Messages.PlaceOrder order = JsonServer.body(req, Messages.PlaceOrder.class);
    if (order.name() == null || order.key() == null || order.quantity() < 1) {
      throw new HttpError(400, "malformed order");
    }
    return order;
  }

  public OrderService start() {
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
  public void close() throws SQLException, InterruptedException {
    server.stop();
    engine.close();
  }
}
