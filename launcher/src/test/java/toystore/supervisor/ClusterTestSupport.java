package toystore.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.model.ReplicaHealth;

/**
 * A whole store for a test: catalog, order replicas, frontend and agent as real child JVMs started
 * from the test class path, with their data and logs under {@code dataDir}. Use one port base per
 * test class (21000-21999; a cluster needs base .. base+3+replicas-1):
 *
 * <pre>{@code
 * @TempDir static Path dir;
 * static ClusterTestSupport cluster;
 * @BeforeAll static void start() throws IOException { cluster = ClusterTestSupport.start(21100, dir); }
 * @AfterAll static void stop() { cluster.close(); }
 * ... cluster.store().order("Whale", 1, null); cluster.agent().killLeader(); ...
 * }</pre>
 *
 * If a service does not come up, the exception names its log file in {@code dataDir/logs}.
 */
public final class ClusterTestSupport implements AutoCloseable {
  private final Cluster cluster;
  private final OkHttpClient http;

  private ClusterTestSupport(Cluster cluster) {
    this.cluster = cluster;
    // Restarts answer only once the service is healthy, so the agent calls need a long timeout.
    this.http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(90));
  }

  /** Three replicas on {@code portBase}. */
  public static ClusterTestSupport start(int portBase, Path dataDir) throws IOException {
    return start(portBase, 3, dataDir);
  }

  public static ClusterTestSupport start(int portBase, int replicas, Path dataDir) throws IOException {
    return start(Cluster.Config.forTest(portBase, replicas, dataDir));
  }

  /**
   * Three replicas on {@code portBase} that restock every second: for tests whose load would
   * otherwise run the toys out of stock, so that its clients stop ordering.
   */
  public static ClusterTestSupport startRestockingFast(int portBase, Path dataDir) throws IOException {
    Cluster.Config config = Cluster.Config.forTest(portBase, 3, dataDir);
    return start(new Cluster.Config(config.layout(), config.dataDir(),
        new ServiceOptions(true, ServiceOptions.DEFAULT_CACHE_SIZE, 1000), config.agentHost(), config.adminToken(),
        config.clusterSecret(), config.java()));
  }

  /** A cluster from a config of your own (other options, a fixed token…). */
  public static ClusterTestSupport start(Cluster.Config config) throws IOException {
    return new ClusterTestSupport(Cluster.start(config, line -> {}));
  }

  public Cluster cluster() {
    return cluster;
  }

  public Supervisor supervisor() {
    return cluster.supervisor();
  }

  /** An HTTP client with a 90 s call timeout, shared by {@link #store()} and {@link #agent()}. */
  public OkHttpClient http() {
    return http;
  }

  public StoreClient store() {
    return new StoreClient(http, cluster.frontendUrl());
  }

  /** The control plane, with the admin token. */
  public AgentClient agent() {
    return new AgentClient(http, cluster.agentUrl(), cluster.adminToken());
  }

  /** The health of order replica {@code id}, or null when it does not answer. */
  public ReplicaHealth replica(int id) {
    return cluster.supervisor().replicas().stream()
        .filter(r -> r.id() == id).map(Supervisor.ReplicaState::health).filter(Objects::nonNull)
        .findFirst().orElse(null);
  }

  /** Waits until a replica leads with a majority behind it; returns its health. */
  public ReplicaHealth awaitLeader() {
    ReplicaHealth[] leader = new ReplicaHealth[1];
    Deadline.await(Duration.ofSeconds(15), "an order leader with a majority", () -> {
      leader[0] = cluster.supervisor().replicas().stream()
          .map(Supervisor.ReplicaState::health)
          .filter(h -> h != null && h.role() == toystore.model.Role.LEADER && h.state() == toystore.model.State.UP && h.quorum())
          .max(Comparator.comparingLong(ReplicaHealth::epoch)).orElse(null);
      return leader[0] != null;
    });
    return leader[0];
  }

  /** Waits until every replica answers, is UP and reports the same digest and last order. */
  public void awaitConvergence() {
    int replicas = cluster.layout().replicaIds().size();
    Deadline.await(Duration.ofSeconds(10), "every replica to report the same digest", () -> {
      List<Supervisor.ReplicaState> states = cluster.supervisor().replicas();
      return states.size() == replicas
          && states.stream().allMatch(s -> s.health() != null && s.health().state() == toystore.model.State.UP)
          && states.stream().map(s -> s.health().digest()).distinct().count() == 1
          && states.stream().map(s -> s.health().lastOrder()).distinct().count() == 1;
    });
  }

  /** The last lines of a service's log, for assertion messages. */
  public String logTail(String service) throws IOException {
    Path log = cluster.supervisor().logFile(service);
    if (!Files.exists(log)) {
      return "(no log)";
    }
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - 4000));
  }

  /** Stops every process of the cluster; nothing is left running or listening. */
  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
