package toystore.supervisor;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import toystore.config.Replication;
import toystore.http.Secrets;
import toystore.json.Json;
import toystore.model.ClusterFile;
import toystore.nemesis.Cgroups;
import toystore.nemesis.Partitions;

/**
 * A whole running store: the {@link Supervisor} with every service, the {@link AgentServer} in
 * front of it, the {@link Partitions} it can cut the services apart with (in an iptables chain of
 * its own, removed on close; in raft mode with each replica in a cgroup of its own), and the files in the data directory ({@code admin.token},
 * {@code cluster.json}).
 * What {@code toystore up} runs, and what the demo and the tests start from code:
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.start(config, System.out::println)) {
 *   StoreClient store = new StoreClient(http, cluster.frontendUrl());
 *   ...
 * }
 * }</pre>
 */
public final class Cluster implements AutoCloseable {
  /**
   * Everything a cluster is started from. {@code agentHost} is the address the control plane binds
   * (127.0.0.1 unless deliberately exposed). The token and secret are never printed: {@link #toString}
   * masks them.
   */
  public record Config(ClusterLayout layout, Path dataDir, ServiceOptions options, String agentHost,
      String adminToken, String clusterSecret, JavaCommand java) {
    public Config {
      if (layout.frontendPorts().size() > 1 && options.replication() == Replication.LAB) {
        throw new IllegalArgumentException("--frontends " + layout.frontendPorts().size()
            + " needs --replication raft: in lab mode the one frontend coordinates the replicas (docs/API.md §5)");
      }
    }

    /** A cluster of {@code replicas} on {@code portBase}, default options, fresh token and secret. */
    public static Config forTest(int portBase, int replicas, Path dataDir) {
      return new Config(ClusterLayout.withPortBase(portBase, replicas), dataDir, ServiceOptions.defaults(),
          ClusterLayout.HOST, Secrets.newToken(), Secrets.newToken(), JavaCommand.current());
    }

    @Override
    public String toString() {
      return "Config[layout=" + layout + ", dataDir=" + dataDir + ", options=" + options
          + ", agentHost=" + agentHost + ", adminToken=****, clusterSecret=****]";
    }
  }

  private final Config config;
  /** The agent's metrics: the supervisor's figures and the agent's requests. */
  private final PrometheusRegistry metrics = new PrometheusRegistry();
  private final Supervisor supervisor;
  private final Auditor auditor;
  private final Partitions partitions;
  /** Raft mode: each replica in a cgroup of its own, so partitions can cut its Raft traffic. */
  private final Cgroups cgroups;
  private AgentServer agent;
  private boolean closed;

  /** Prepares the cluster; nothing runs until {@link #start(Consumer)}. */
  public Cluster(Config config) {
    this.config = config;
    this.cgroups = Cgroups.of(config.layout().cgroupName());
    ProcessPlacement placement = config.options().replication() == Replication.RAFT ? cgroups::place : ProcessPlacement.NONE;
    this.supervisor = new Supervisor(config.layout(), config.dataDir(), config.clusterSecret(), config.java(),
        config.options(), metrics, placement);
    this.auditor = new Auditor(supervisor, config.layout().catalogUrl(), config.clusterSecret());
    this.partitions = new Partitions(supervisor.endpoints(), "iptables", config.layout().firewallChain(), cgroups);
  }

  /** Creates and starts a cluster; on failure everything already started is stopped again. */
  public static Cluster start(Config config, Consumer<String> progress) throws IOException {
    Cluster cluster = new Cluster(config);
    cluster.start(progress);
    return cluster;
  }

  /**
   * Starts every service, waits until an order replica leads (so the first order does not meet a
   * store still electing), then starts the agent and writes {@code cluster.json}. Safe to race with
   * {@link #close()} from a shutdown hook: whatever was started is stopped, nothing is left behind.
   *
   * @param progress receives one line per service as it becomes healthy
   * @throws ServiceStartException when a port is taken or a service does not become healthy
   */
  public void start(Consumer<String> progress) throws IOException {
    try {
      PrivateFiles.ensureDirectory(config.dataDir());
      Files.deleteIfExists(clusterFile());
      PrivateFiles.write(tokenFile(), config.adminToken() + "\n");
      if (!ClusterLayout.HOST.equals(config.agentHost())) {
        progress.accept("WARNING: the control plane listens on " + config.agentHost()
            + ", not only on this machine: anyone who reaches it with the admin token can kill services.");
      }
      Ports.ensureFree(config.agentHost(), config.layout().agentPort(), "the agent");
      // Before any service runs, so rules a crashed earlier run left behind cannot cut the new one.
      Optional<String> noPartitions = partitions.start();
      noPartitions.ifPresent(reason -> progress.accept("  (partitions are unavailable: " + reason + ")"));
      if (noPartitions.isEmpty() && config.options().replication() == Replication.RAFT) {
        // After the chain, like it removing what a crashed run left; before any replica is launched into it.
        cgroups.create();
        cgroups.unavailableReason().ifPresent(reason ->
            progress.accept("  (partitions between raft replicas are unavailable: " + reason + ")"));
      }
      supervisor.freeDisks();
      supervisor.start(progress);
      String leader = supervisor.awaitLeader();
      progress.accept(String.format("  %-9s is the order leader", leader));
      startAgent();
      progress.accept(String.format("  %-9s up   %s", "agent", agentUrl()));
      ClusterFile file = new ClusterFile(frontendUrl(), agentUrl(), tokenFile().toAbsolutePath().toString(),
          config.options().replication(), config.layout().frontendUrls());
      PrivateFiles.write(clusterFile(), Json.write(file) + "\n");
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private synchronized void startAgent() {
    if (closed) {
      throw new ServiceStartException("the cluster is stopping");
    }
    agent = new AgentServer(supervisor, auditor, partitions, config.agentHost(), config.layout().agentPort(),
        config.adminToken(), metrics).start();
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  public Partitions partitions() {
    return partitions;
  }

  public ClusterLayout layout() {
    return config.layout();
  }

  public String frontendUrl() {
    return config.layout().frontendUrl();
  }

  /** The agent's URL; a wildcard bind address is reached through loopback. */
  public String agentUrl() {
    String host = config.agentHost();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    String reachable = wildcard ? ClusterLayout.HOST : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + reachable + ":" + config.layout().agentPort();
  }

  public String adminToken() {
    return config.adminToken();
  }

  public Path tokenFile() {
    return config.dataDir().resolve("admin.token");
  }

  public Path clusterFile() {
    return config.dataDir().resolve("cluster.json");
  }

  public Path logsDir() {
    return config.dataDir().resolve("logs");
  }

  /**
   * Stops the agent, removes the firewall chain, stops every service (paused ones are resumed
   * first; SIGTERM, then SIGKILL after 5 s), deletes every disk-full ballast and removes cluster.json.
   * Idempotent.
   */
  @Override
  public void close() {
    AgentServer running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = agent;
    }
    try {
      if (running != null) {
        running.close();
      }
    } finally {
      try {
        partitions.close();
      } finally {
        try {
          supervisor.stop();
        } finally {
          try {
            supervisor.freeDisks();
          } finally {
            // Only once the replicas are gone: a cgroup with processes in it cannot be removed.
            cgroups.close();
            auditor.close();
            deleteClusterFile();
          }
        }
      }
    }
  }

  private void deleteClusterFile() {
    try {
      Files.deleteIfExists(clusterFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot remove " + clusterFile() + ": " + e.getMessage(), e);
    }
  }
}
