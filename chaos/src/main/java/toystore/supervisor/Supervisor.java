package toystore.supervisor;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import toystore.client.ReplicaAddress;
import toystore.config.Replication;
import toystore.model.ReplicaHealth;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceInfo;
import toystore.nemesis.DiskBallast;
import toystore.nemesis.Endpoint;

/**
 * Owns every service process of one store: the catalog, order replicas 1..n and the frontend, each
 * its own JVM whose output goes to {@code <data-dir>/logs/<name>.log} and whose database lives in
 * {@code <data-dir>/<name>/}. Children get the cluster secret through the environment only.
 */
public final class Supervisor implements AutoCloseable {
  public static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Path dataDir;
  private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
  private final ReplicaDisks disks = new ReplicaDisks();
  private final HealthProbe probe = new HealthProbe();
  private final SupervisorMetrics metrics;
  private final Replication replication;
  private volatile boolean stopped;

  /** @param metrics the agent's registry, where the supervisor's kills, restarts and pauses go */
  public Supervisor(ClusterLayout layout, Path dataDir, String clusterSecret, JavaCommand java, ServiceOptions options,
                    PrometheusRegistry metrics) {
    this(layout, dataDir, clusterSecret, java, options, metrics, ProcessPlacement.NONE);
  }

  /** @param replicaPlacement done to each order replica right after it is launched (its cgroup in raft mode) */
  public Supervisor(ClusterLayout layout, Path dataDir, String clusterSecret, JavaCommand java, ServiceOptions options,
                    PrometheusRegistry metrics, ProcessPlacement replicaPlacement) {
    this.dataDir = dataDir;
    this.replication = options.replication();
    Path logs = dataDir.resolve("logs");
    for (ServiceSpec spec : specs(layout, options)) {
      services.put(spec.name(), new ManagedProcess(spec, java, clusterSecret, logs.resolve(spec.name() + ".log"),
          spec.isReplica() ? replicaPlacement : ProcessPlacement.NONE));
      if (spec.isReplica()) {
        disks.add(spec.name(), dataDir.resolve(spec.name()));
      }
    }
    this.metrics = new SupervisorMetrics(metrics, services.values());
  }

  private List<ServiceSpec> specs(ClusterLayout layout, ServiceOptions options) {
    String host = layout.host();
    boolean raft = options.replication() == Replication.RAFT;
    List<ServiceSpec> specs = new ArrayList<>();
    specs.add(new ServiceSpec("catalog", "catalog", null, host, layout.catalogPort(), layout.catalogSourceAddress(), null,
        "toystore.catalog.CatalogMain",
        List.of("--host", host, "--port", Integer.toString(layout.catalogPort()),
            "--data-dir", serviceDir("catalog"),
            "--source-address", layout.catalogSourceAddress(),
            "--frontend-url", layout.frontendUrlsArgument(),
            "--restock-interval-ms", Long.toString(options.restockIntervalMs()))));
    for (int id : layout.replicaIds()) {
      String name = ReplicaStatus.name(id);
      List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(layout.replicaPort(id)),
          "--data-dir", serviceDir(name),
          "--source-address", layout.replicaSourceAddress(id),
          "--id", Integer.toString(id),
          "--catalog-url", layout.catalogUrl(),
          "--replicas", layout.replicasArgument()));
      if (raft) {
        args.addAll(List.of("--replication", options.replication().word(), "--raft-peers", layout.raftPeersArgument()));
      }
      specs.add(new ServiceSpec(name, ServiceInfo.ORDER, id, host, layout.replicaPort(id), layout.replicaSourceAddress(id),
          raft ? layout.raftPort(id) : null, "toystore.order.OrderMain", args));
    }
    for (int index = 0; index < layout.frontendPorts().size(); index++) {
      String name = ClusterLayout.frontendName(index);
      int port = layout.frontendPorts().get(index);
      List<String> args = new ArrayList<>(List.of("--host", host, "--port", Integer.toString(port),
          "--data-dir", serviceDir(name),
          "--source-address", layout.frontendSourceAddress(index),
          "--catalog-url", layout.catalogUrl(),
          "--replicas", layout.replicasArgument()));
      args.addAll(options.cacheEnabled()
          ? List.of("--cache-size", Integer.toString(options.cacheSize()))
          : List.of("--no-cache"));
      if (raft) {
        args.addAll(List.of("--replication", options.replication().word()));
      }
      specs.add(new ServiceSpec(name, "frontend", null, host, port, layout.frontendSourceAddress(index), null,
          "toystore.frontend.FrontendMain", args));
    }
    return specs;
  }

  private String serviceDir(String name) {
    return dataDir.resolve(name).toAbsolutePath().toString();
  }

  /** The engine that replicates the orders. */
  public Replication replication() {
    return replication;
  }

  /** Service names in start order: catalog, order-1..n, frontend (then frontend-2 with two). */
  public List<String> names() {
    return List.copyOf(services.keySet());
  }

  /**
   * Every service with its listening address, the source address of its outgoing connections and,
   * for a replica in raft mode, its Raft port.
   */
  public List<Endpoint> endpoints() {
    return services.values().stream()
        .map(ManagedProcess::spec)
        .map(spec -> new Endpoint(spec.name(), spec.host(), spec.port(), spec.sourceAddress(), spec.raftPort()))
        .toList();
  }

  public Path logFile(String name) {
    return service(name).logFile();
  }

  /**
   * Starts the catalog, then every replica, then the frontends, each group healthy before the next;
   * returns once all answer {@code GET /health}. Reports each service to {@code progress} as it
   * becomes healthy.
   *
   * @throws ServiceStartException when a service exits or stays unhealthy past {@link #HEALTHY_TIMEOUT}
   */
  public void start(Consumer<String> progress) throws IOException {
    Files.createDirectories(dataDir.resolve("logs"));
    // Every port up front: a taken one fails the start before any JVM is spent on it.
    services.values().forEach(s -> Ports.ensureFree(s.spec().host(), s.spec().port(), s.spec().name()));
    List<List<ManagedProcess>> stages = List.of(
        List.of(services.get("catalog")),
        services.values().stream().filter(s -> s.spec().isReplica()).toList(),
        services.values().stream().filter(s -> s.spec().kind().equals("frontend")).toList());
    for (List<ManagedProcess> stage : stages) {
      List<Process> launched = new ArrayList<>();
      for (ManagedProcess service : stage) {
        Files.createDirectories(Path.of(serviceDir(service.spec().name())));
        launched.add(service.launch());
      }
      for (int i = 0; i < stage.size(); i++) {
        awaitHealthy(stage.get(i), launched.get(i));
        progress.accept(String.format("  %-9s up   %s  (pid %d)",
            stage.get(i).spec().name(), stage.get(i).spec().url(), launched.get(i).pid()));
      }
    }
  }

  /** SIGKILLs the service and returns once its process is gone; a no-op if it is not running. */
  public void kill(String name) {
    service(name).kill();
    metrics.killed(name);
  }

  /**
   * Stops the service gracefully (resumed first if paused, then SIGTERM; SIGKILL after 5 s) and returns its exit status once it
   * is gone: 143 when it shut down by itself, 137 when it had to be killed, -1 when it was not running.
   */
  public int terminate(String name) {
    return service(name).terminate(STOP_GRACE);
  }

  /**
   * Kills the service if it runs, starts it again and returns once it is healthy.
   *
   * @throws ServiceStartException when it does not become healthy in time
   */
  public void restart(String name) throws IOException {
    ManagedProcess service = service(name);
    Files.createDirectories(Path.of(serviceDir(name)));
    awaitHealthy(service, service.relaunch());
    metrics.restarted(name);
  }

  /**
   * Freezes the service with SIGSTOP: it stops answering without dying, its sockets stay open.
   *
   * @throws ServiceNotRunningException when it is not running
   */
  public void pause(String name) {
    service(name).pause();
    metrics.paused(name);
  }

  /**
   * Lets a paused service run again (SIGCONT); a no-op for one that is not paused.
   *
   * @throws ServiceNotRunningException when it is not running
   */
  public void resume(String name) {
    service(name).resume();
  }

  /**
   * Order replica {@code name}'s disk-full fault (docs/API.md §4); empty for a service that is not an
   * order replica.
   *
   * @throws UnknownServiceException for a name the supervisor does not run
   */
  public Optional<DiskBallast> disk(String name) {
    service(name);
    return disks.of(name);
  }

  /**
   * Deletes every replica's ballast: at start (what a store killed with SIGKILL left) and at stop.
   * Tries every disk; the first failure is thrown with the later ones suppressed.
   */
  public void freeDisks() {
    disks.freeAll();
  }

  /**
   * Every service in start order with its process and, for live replicas, the role it reports. A
   * paused replica is not asked (it could not answer), so its role is null while it is paused.
   */
  public List<ServiceInfo> services() {
    return services.values().stream().map(this::info).toList();
  }

  public ServiceInfo info(String name) {
    return info(service(name));
  }

  private ServiceInfo info(ManagedProcess service) {
    ServiceSpec spec = service.spec();
    Process process = service.process();
    boolean paused = service.paused();
    Role role = process != null && !paused && spec.isReplica()
        ? probe.replica(spec.url()).map(ReplicaHealth::role).orElse(null)
        : null;
    return new ServiceInfo(spec.name(), spec.kind(), spec.id(), spec.url(),
        process == null ? null : process.pid(), process != null, paused, role, disks.state(spec.name()));
  }

  /** Every order replica, with its health answer if it is running, not paused and answers. */
  public List<ReplicaState> replicas() {
    List<ReplicaState> replicas = new ArrayList<>();
    for (ManagedProcess service : services.values()) {
      ServiceSpec spec = service.spec();
      if (spec.isReplica()) {
        boolean alive = service.process() != null;
        Optional<ReplicaHealth> health = alive && !service.paused() ? probe.replica(spec.url()) : Optional.empty();
        replicas.add(new ReplicaState(spec.name(), spec.id(), spec.url(), alive, health.orElse(null)));
      }
    }
    return replicas;
  }

  /**
   * Where order replica {@code name} listens, without asking it anything; empty for a service that is
   * not an order replica.
   *
   * @throws UnknownServiceException for a name the supervisor does not run
   * @throws ServiceNotRunningException when it is not running or is paused (it could not answer)
   */
  public Optional<ReplicaAddress> runningReplica(String name) {
    ManagedProcess service = service(name);
    ServiceSpec spec = service.spec();
    if (!spec.isReplica()) {
      return Optional.empty();
    }
    if (service.process() == null) {
      throw new ServiceNotRunningException(name);
    }
    if (service.paused()) {
      throw ServiceNotRunningException.paused(name);
    }
    return Optional.of(new ReplicaAddress(spec.id(), spec.url()));
  }

  /** The replica that says it is LEADER with the highest epoch, if any. */
  public Optional<String> leaderName() {
    return replicas().stream()
        .filter(r -> r.health() != null && r.health().role() == Role.LEADER)
        .max(Comparator.comparingLong(r -> r.health().epoch()))
        .map(ReplicaState::name);
  }

  /**
   * Waits until a replica reports itself LEADER and returns its name.
   *
   * @throws ServiceStartException when none does within {@link #HEALTHY_TIMEOUT}
   */
  public String awaitLeader() {
    return awaitLeader(HEALTHY_TIMEOUT).orElseThrow(() -> new ServiceStartException("no order replica became leader within "
        + HEALTHY_TIMEOUT.toSeconds() + " s; see " + logFile("frontend") + " and the order-* logs beside it"));
  }

  /** The leader ({@link #leaderName()}) once one is known, waiting up to {@code within}; empty if none is by then. */
  public Optional<String> awaitLeader(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      Optional<String> leader = leaderName();
      if (leader.isPresent() || System.nanoTime() > deadline) {
        return leader;
      }
      waitBriefly("a leader");
    }
  }

  /**
   * An order replica's process and its own {@code /health} answer, null when it does not answer:
   * what the supervisor decides on (the epoch included); {@link #status()} is its view on the wire.
   */
  public record ReplicaState(String name, int id, String url, boolean alive, ReplicaHealth health) {
    public ReplicaStatus status() {
      return health == null
          ? new ReplicaStatus(id, name, url, alive, null, null, null, null)
          : ReplicaStatus.answered(id, url, health);
    }
  }

  /** SIGTERM to every child (resumed first if paused), up to 5 s grace, then SIGKILL for stragglers. Idempotent. */
  public void stop() {
    if (!stopped) {
      stopped = true;
      services.values().forEach(ManagedProcess::beginStop);
      long deadline = System.nanoTime() + STOP_GRACE.toNanos();
      services.values().forEach(service -> service.awaitStopped(deadline));
      probe.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private ManagedProcess service(String name) {
    ManagedProcess service = services.get(name);
    if (service == null) {
      throw new UnknownServiceException(name);
    }
    return service;
  }

  private void awaitHealthy(ManagedProcess service, Process process) {
    ServiceSpec spec = service.spec();
    String seeLog = "; see " + service.logFile();
    long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new ServiceStartException(
            spec.name() + " exited with status " + process.exitValue() + " before it became healthy" + seeLog);
      }
      if (probe.healthy(spec.url())) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ServiceStartException(spec.name() + " did not answer GET /health within "
            + HEALTHY_TIMEOUT.toSeconds() + " s" + seeLog);
      }
      waitBriefly(spec.name() + " to become healthy");
    }
  }

  private static void waitBriefly(String waitingFor) {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceStartException("interrupted while waiting for " + waitingFor);
    }
  }
}
