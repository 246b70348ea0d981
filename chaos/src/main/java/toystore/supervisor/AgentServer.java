package toystore.supervisor;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import toystore.http.HttpError;
import toystore.http.JsonServer;
import toystore.model.ClusterView;
import toystore.model.Isolation;
import toystore.model.KillResult;
import toystore.model.Partition;
import toystore.model.PartitionRequest;
import toystore.model.PauseResult;
import toystore.model.ServiceInfo;
import toystore.nemesis.DiskBallast;
import toystore.nemesis.DiskFullUnavailableException;
import toystore.nemesis.InvalidPartitionException;
import toystore.nemesis.Partitions;
import toystore.nemesis.PartitionsUnavailableException;
import toystore.nemesis.UnknownPartitionException;

/**
 * The control plane (docs/API.md §4): cluster view, kill, restart, pause, resume, kill and pause the
 * leader, partitions, isolate the leader and cut it off from its followers, disk full on a replica whose data directory is a filesystem of its
 * own, the audit for the consistency checker, the stock ledger and a replica's log pages and view
 * changes for dashboards (read without touching the frontend's cache, and without the
 * dashboard holding the cluster secret), and the agent's metrics. Every route
 * but {@code GET /health} and {@code GET /metrics} needs the admin token.
 */
public final class AgentServer implements AutoCloseable {
  private static final int MAX_THREADS = 16;
  /** A few of the longest Raft election timeout (docs/DESIGN.md "Raft engine"): a leader route waits this long for one. */
  static final Duration LEADER_WAIT = Duration.ofSeconds(5);

  private final JsonServer server;

  /** @param metrics the agent's registry, shared with {@code supervisor}: served on {@code GET /metrics} */
  public AgentServer(Supervisor supervisor, Auditor auditor, Partitions partitions, String host, int port,
                     String adminToken, PrometheusRegistry metrics) {
    PartitionMetrics.register(metrics, partitions);
    this.server = new JsonServer("agent", host, port, MAX_THREADS, JsonServer.Guard.allButMonitoring(adminToken),
            JsonServer.Admission.unlimited(), metrics)
        .get("/health", (req, res) -> ServiceHealth.UP)
        .get("/cluster", (req, res) -> new ClusterView(supervisor.services(), supervisor.replication()))
        .post("/services/:name/kill", (req, res) -> {
          String name = req.params(":name");
          known(() -> supervisor.kill(name));
          return new KillResult(name);
        })
        .post("/services/:name/restart", (req, res) -> {
          String name = req.params(":name");
          known(() -> supervisor.restart(name));
          return supervisor.info(name);
        })
        .post("/services/:name/pause", (req, res) -> {
          String name = req.params(":name");
          known(() -> supervisor.pause(name));
          return supervisor.info(name);
        })
        .post("/services/:name/resume", (req, res) -> {
          String name = req.params(":name");
          known(() -> supervisor.resume(name));
          return supervisor.info(name);
        })
        .post("/services/:name/disk-full", (req, res) -> {
          String name = req.params(":name");
          DiskBallast disk = replicaDisk(supervisor, name);
          diskFault(disk::fill);
          return supervisor.info(name);
        })
        .delete("/services/:name/disk-full", (req, res) -> {
          String name = req.params(":name");
          DiskBallast disk = replicaDisk(supervisor, name);
          diskFault(() -> {
            disk.requireSupported();
            disk.free();
            return null;
          });
          return supervisor.info(name);
        })
        .post("/chaos/kill-leader", (req, res) -> {
          String leader = leader(supervisor);
          supervisor.kill(leader);
          return new KillResult(leader);
        })
        .post("/chaos/pause-leader", (req, res) -> {
          String leader = leader(supervisor);
          known(() -> supervisor.pause(leader));
          return new PauseResult(leader);
        })
        .post("/partitions", (req, res) -> {
          PartitionRequest request = JsonServer.body(req, PartitionRequest.class);
          return partitioning(() -> partitions.create(request.groups()));
        })
        .get("/partitions", (req, res) -> partitioning(partitions::list))
        .delete("/partitions/:id", (req, res) -> partitioning(() -> partitions.heal(req.params(":id"))))
        .delete("/partitions", (req, res) -> partitioning(partitions::healAll))
        .post("/chaos/isolate-leader", (req, res) -> partitioning(() -> {
          partitions.requireAvailable();
          String leader = leader(supervisor);
          Partition cut = partitions.isolate(leader);
          return new Isolation(leader, cut.id());
        }))
        .post("/chaos/cut-leader-off", (req, res) -> partitioning(() -> {
          partitions.requireAvailable();
          String leader = leader(supervisor);
          List<String> followers = supervisor.services().stream()
              .filter(s -> s.isOrderReplica() && !s.name().equals(leader))
              .map(ServiceInfo::name)
              .toList();
          Partition cut = partitions.create(List.of(List.of(leader), followers));
          return new Isolation(leader, cut.id());
        }))
        .get("/audit", (req, res) -> auditor.audit())
        .get("/stock", (req, res) -> auditor.stock())
        .get("/services/:name/log", (req, res) -> {
          long from = JsonServer.longParameter(req.queryParamOrDefault("from", "1"));
          return known(() -> auditor.logPage(req.params(":name"), from));
        })
        .get("/services/:name/view-changes", (req, res) -> known(() -> auditor.viewChanges(req.params(":name"))));
  }

  private interface Action {
    void run() throws Exception;
  }

  /** Runs a per-service action with the supervisor's failures turned into their HTTP answers. */
  private static void known(Action action) throws Exception {
    known(() -> {
      action.run();
      return null;
    });
  }

  private static <T> T known(Callable<T> action) throws Exception {
    try {
      return action.call();
    } catch (UnknownServiceException e) {
      throw new HttpError(404, e.getMessage());
    } catch (ServiceNotRunningException e) {
      throw new HttpError(409, e.getMessage());
    } catch (ServiceStartException e) {
      throw new HttpError(503, e.getMessage());
    }
  }

  /**
   * The leader every leader route acts on: the replica that says it leads the newest epoch (docs/API.md
   * §4). In the middle of an election there is none for a moment, so it waits up to {@link #LEADER_WAIT}.
   */
  private static String leader(Supervisor supervisor) {
    try {
      return supervisor.awaitLeader(LEADER_WAIT).orElseThrow(() -> new HttpError(503, "no order leader known"));
    } catch (ServiceStartException e) {
      throw new HttpError(503, e.getMessage()); // interrupted while waiting: the agent is stopping
    }
  }

  /** Replica {@code name}'s disk: 404 for an unknown name or one that is no order replica. */
  private static DiskBallast replicaDisk(Supervisor supervisor, String name) throws Exception {
    return known(() -> supervisor.disk(name))
        .orElseThrow(() -> new HttpError(404, name + " is not an order replica"));
  }

  /** Runs a disk-full operation: 501 with the reason where the disk is no filesystem of its own. */
  private static void diskFault(Callable<?> operation) throws Exception {
    try {
      operation.call();
    } catch (DiskFullUnavailableException e) {
      throw new HttpError(501, e.getMessage());
    }
  }

  /** Runs a partition operation with its failures turned into their HTTP answers. */
  private static <T> T partitioning(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (InvalidPartitionException e) {
      throw new HttpError(400, e.getMessage());
    } catch (UnknownPartitionException e) {
      throw new HttpError(404, e.getMessage());
    } catch (PartitionsUnavailableException e) {
      throw new HttpError(501, e.getMessage());
    }
  }

  public AgentServer start() {
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
  }
}
