package toystore.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.config.PortLayout;
import toystore.config.Replication;
import toystore.model.ReplicaHealth;

/**
 * A whole store for a test, as a JUnit extension: catalog, order replicas, frontend and agent as real
 * child JVMs started from the test class path, on a block of {@link FreePorts} and with their data
 * and logs in a fresh temporary directory. It starts before the class's tests (or before each test
 * with {@link #perTest()}), and after them stops every process, releases the ports and deletes the
 * directory, also when the start failed half-way:
 *
 * <pre>{@code
 * @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);
 * ... cluster.store().order("Whale", 1, null); cluster.agent().killLeader(); ...
 * }</pre>
 *
 * The engine is lab unless {@link #replication} says raft; {@link #frontends} asks for a second
 * frontend (raft only). A test that must prepare the data directory first (a tmpfs under it, a stale firewall chain)
 * asks for {@link #startedByTheTest()} and calls {@link #start()} itself. If a service does not come
 * up, the exception names its log file in {@code dataDir()/logs}.
 */
public final class ClusterTestSupport
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, AutoCloseable {
  private enum Scope { CLASS, TEST }

  /** What a test asks for: how many replicas and frontends, which engine, for how long, started by whom, with which config. */
  private record Settings(int replicas, int frontends, Replication replication, Scope scope, boolean startedByTheTest,
      Function<Cluster.Config, Cluster.Config> tweak) {
    Settings with(Scope newScope, boolean byTheTest, Function<Cluster.Config, Cluster.Config> newTweak) {
      return new Settings(replicas, frontends, replication, newScope, byTheTest, newTweak);
    }
  }

  private final Settings settings;
  private FreePorts.Block ports;
  private Path dir;
  private Cluster.Config config;
  private Cluster cluster;
  private OkHttpClient http;

  private ClusterTestSupport(Settings settings) {
    this.settings = settings;
  }

  /** A store of {@code replicas} order replicas, once per test class (register it on a static field). */
  public static ClusterTestSupport withReplicas(int replicas) {
    return new ClusterTestSupport(new Settings(replicas, 1, Replication.LAB, Scope.CLASS, false, Function.identity()));
  }

  /** A fresh store for each test. */
  public ClusterTestSupport perTest() {
    return new ClusterTestSupport(settings.with(Scope.TEST, settings.startedByTheTest(), settings.tweak()));
  }

  /** Ports, directory and config ready, but the store starts only when the test calls {@link #start()}. */
  public ClusterTestSupport startedByTheTest() {
    return new ClusterTestSupport(settings.with(settings.scope(), true, settings.tweak()));
  }

  /** Another option, a fixed token…: applied to the config before the store starts. */
  public ClusterTestSupport configured(Function<Cluster.Config, Cluster.Config> change) {
    return new ClusterTestSupport(settings.with(settings.scope(), settings.startedByTheTest(),
        settings.tweak().andThen(change)));
  }

  /** The order replicas' engine (docs/API.md §5 {@code --replication}); lab unless set. */
  public ClusterTestSupport replication(Replication engine) {
    return new ClusterTestSupport(new Settings(settings.replicas(), settings.frontends(), engine, settings.scope(),
        settings.startedByTheTest(), settings.tweak()));
  }

  /** {@code --frontends 2}: a second frontend, {@code frontend-2} (raft only: lab refuses it at start). */
  public ClusterTestSupport frontends(int count) {
    return new ClusterTestSupport(new Settings(settings.replicas(), count, settings.replication(), settings.scope(),
        settings.startedByTheTest(), settings.tweak()));
  }

  /**
   * Restocking every second: for tests whose load would otherwise run the toys out of stock, so that
   * its clients stop ordering.
   */
  public ClusterTestSupport restockingFast() {
    return configured(c -> new Cluster.Config(c.layout(), c.dataDir(),
        new ServiceOptions(true, ServiceOptions.DEFAULT_CACHE_SIZE, 1000, c.options().replication()), c.agentHost(),
        c.adminToken(), c.clusterSecret(), c.java()));
  }

  /** A fixed admin token and cluster secret instead of fresh ones. */
  public ClusterTestSupport withSecrets(String adminToken, String clusterSecret) {
    return configured(c -> new Cluster.Config(c.layout(), c.dataDir(), c.options(), c.agentHost(), adminToken,
        clusterSecret, c.java()));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (settings.scope() == Scope.CLASS) {
      prepare();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (settings.scope() == Scope.TEST) {
      prepare();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (settings.scope() == Scope.TEST) {
      finish();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (settings.scope() == Scope.CLASS) {
      finish();
    }
  }

  private void prepare() throws IOException {
    ports = FreePorts.reserve(PortLayout.span(settings.replicas()));
    dir = Files.createTempDirectory("toystore-cluster-");
    Cluster.Config plain = Cluster.Config.forTest(ports.base(), settings.replicas(), dir.resolve("data"));
    Cluster.Config engine = new Cluster.Config(
        ClusterLayout.withPortBase(ports.base(), settings.replicas(), settings.frontends()), plain.dataDir(),
        plain.options().with(settings.replication()), plain.agentHost(), plain.adminToken(), plain.clusterSecret(),
        plain.java());
    config = settings.tweak().apply(engine);
    if (!settings.startedByTheTest()) {
      start();
    }
  }

  /**
   * Starts the store; closing what it returns (or the end of the test) stops it. On failure whatever
   * started is stopped again ({@link Cluster#start}).
   */
  public ClusterTestSupport start() throws IOException {
    if (cluster != null) {
      throw new IllegalStateException("the store was started already");
    }
    cluster = Cluster.start(config(), line -> {});
    // Restarts answer only once the service is healthy, so the agent calls need a long timeout.
    http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(90));
    return this;
  }

  /** Stops the store, releases its ports and deletes its directory, each even when the one before failed. */
  private void finish() throws IOException {
    try {
      close();
    } finally {
      try {
        if (ports != null) {
          ports.close();
        }
      } finally {
        ports = null;
        cluster = null;
        config = null;
        if (dir != null) {
          Path doomed = dir;
          dir = null;
          delete(doomed);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The config the store starts (or started) from: its ports, data directory, token and secret. */
  public Cluster.Config config() {
    if (config == null) {
      throw new IllegalStateException("no store here: register the extension on a static field, or ask for perTest()");
    }
    return config;
  }

  /** {@code <a fresh temporary directory>/data}: its parent is a working directory with ./data. */
  public Path dataDir() {
    return config().dataDir();
  }

  public Cluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("the store is not started: call start()");
    }
    return cluster;
  }

  public Supervisor supervisor() {
    return cluster().supervisor();
  }

  /** An HTTP client with a 90 s call timeout, shared by {@link #store()} and {@link #agent()}. */
  public OkHttpClient http() {
    cluster();
    return http;
  }

  public StoreClient store() {
    return new StoreClient(http(), cluster().frontendUrl());
  }

  /** The public API through frontend {@code index} (0 for the first, 1 for {@code frontend-2}). */
  public StoreClient store(int index) {
    return new StoreClient(http(), cluster().layout().frontendUrls().get(index));
  }

  /** The control plane, with the admin token. */
  public AgentClient agent() {
    return new AgentClient(http(), cluster().agentUrl(), cluster().adminToken());
  }

  /** The health of order replica {@code id}, or null when it does not answer. */
  public ReplicaHealth replica(int id) {
    return supervisor().replicas().stream()
        .filter(r -> r.id() == id).map(Supervisor.ReplicaState::health).filter(Objects::nonNull)
        .findFirst().orElse(null);
  }

  /** Waits until a replica leads with a majority behind it; returns its health. */
  public ReplicaHealth awaitLeader() {
    ReplicaHealth[] leader = new ReplicaHealth[1];
    Deadline.await(Duration.ofSeconds(15), "an order leader with a majority", () -> {
      leader[0] = supervisor().replicas().stream()
          .map(Supervisor.ReplicaState::health)
          .filter(h -> h != null && h.role() == toystore.model.Role.LEADER && h.state() == toystore.model.State.UP && h.quorum())
          .max(Comparator.comparingLong(ReplicaHealth::epoch)).orElse(null);
      return leader[0] != null;
    });
    return leader[0];
  }

  /** Waits until every replica answers, is UP and reports the same digest and last order. */
  public void awaitConvergence() {
    int replicas = cluster().layout().replicaIds().size();
    Deadline.await(Duration.ofSeconds(10), "every replica to report the same digest", () -> {
      List<Supervisor.ReplicaState> states = supervisor().replicas();
      return states.size() == replicas
          && states.stream().allMatch(s -> s.health() != null && s.health().state() == toystore.model.State.UP)
          && states.stream().map(s -> s.health().digest()).distinct().count() == 1
          && states.stream().map(s -> s.health().lastOrder()).distinct().count() == 1;
    });
  }

  /** The last lines of a service's log, for assertion messages. */
  public String logTail(String service) throws IOException {
    Path log = supervisor().logFile(service);
    if (!Files.exists(log)) {
      return "(no log)";
    }
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - 4000));
  }

  /**
   * Stops every process of the store; nothing is left running or listening. The ports and the
   * directory stay this test's until the extension's end.
   */
  @Override
  public void close() {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
