package toystore.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import toystore.cli.ToolProcess;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.FreePorts;

/**
 * Every way a tool finds a store, as a user runs it ({@link ToolProcess}: a child JVM, its own working
 * directory and environment), against a real store that {@code up}'s code started and whose
 * cluster.json it wrote, on free ports; the trap and a stray cluster file's dead addresses take a
 * block of free ports of their own.
 */
class DiscoveryProcessTest {
  private static final String QUERY_AND_EXIT = "Q Tux\nX\n";

  @TempDir static Path dir;
  @RegisterExtension static final ClusterTestSupport store = ClusterTestSupport.withReplicas(3);
  /** The trap's port first, then two where nothing listens. */
  static FreePorts.Block others;
  /** Holds ./data/cluster.json for runs from {@code storeHome}; empty directories hold nothing. */
  static Path storeHome;
  static Path dataDir;

  @BeforeAll
  static void start() {
    dataDir = store.dataDir();
    storeHome = dataDir.getParent();
    others = FreePorts.reserve(3);
  }

  @AfterAll
  static void stop() throws IOException {
    others.close();
  }

  private static String frontend() {
    return store.cluster().frontendUrl();
  }

  private static String agent() {
    return store.cluster().agentUrl();
  }

  private static ToolProcess.Result toystore(Path cwd, Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    return new ToolProcess(dir).run(cwd, env, stdin, args);
  }

  private static Path emptyDir(String name) throws IOException {
    return Files.createDirectories(dir.resolve(name));
  }

  /** The interactive client reached this store's frontend and read a toy through it. */
  private static void assertQueriedTheStore(ToolProcess.Result run) {
    assertThat(run.exit()).as(run.all()).isZero();
    assertThat(run.out()).as(run.all()).contains("Toy Store at " + frontend(), "Tux: $", " in stock");
  }

  @Test
  void aClusterFileNamedByTheFlag() throws Exception {
    assertQueriedTheStore(toystore(emptyDir("a"), Map.of(), QUERY_AND_EXIT,
        "client", "--cluster", dataDir.resolve("cluster.json").toString()));
  }

  @Test
  void theDataDirectoryFlag() throws Exception {
    assertQueriedTheStore(toystore(emptyDir("b"), Map.of(), QUERY_AND_EXIT, "client", "--data-dir", dataDir.toString()));
  }

  @Test
  void theDataDirectoryFromTheEnvironment() throws Exception {
    assertQueriedTheStore(toystore(emptyDir("c"), Map.of("TOYSTORE_DATA_DIR", dataDir.toString()), QUERY_AND_EXIT,
        "client"));
  }

  @Test
  void theDataDirectoryBelowTheWorkingDirectory() throws Exception {
    assertQueriedTheStore(toystore(storeHome, Map.of(), QUERY_AND_EXIT, "client"));
  }

  @Test
  void theAgentAndATokenAloneFindTheFrontendAndAStrayClusterFileIsIgnored() throws Exception {
    // A ./data/cluster.json of some other store where the tool runs: --agent must not be mixed with it.
    Path cwd = emptyDir("e");
    Files.createDirectories(cwd.resolve("data"));
    Files.writeString(cwd.resolve("data/cluster.json"),
        "{\"frontend\": \"http://127.0.0.1:" + (others.base() + 1) + "\", \"agent\": \"http://127.0.0.1:"
            + (others.base() + 2) + "\", \"tokenFile\": \"/nonexistent\"}");
    Map<String, String> token = Map.of("TOYSTORE_ADMIN_TOKEN", store.cluster().adminToken());

    assertQueriedTheStore(toystore(cwd, token, QUERY_AND_EXIT, "client", "--agent", agent()));

    ToolProcess.Result check = toystore(cwd, token, "", "check", "--agent", agent());
    assertThat(check.exit()).as(check.all()).isZero();
    assertThat(check.out()).contains("CHECK PASSED");

    ToolProcess.Result withTokenFile = toystore(cwd, Map.of(), "", "check", "--agent", agent(),
        "--token-file", store.cluster().tokenFile().toString());
    assertThat(withTokenFile.exit()).as(withTokenFile.all()).isZero();
  }

  @Test
  void nothingFoundIsOneLineAndExitTwoAndNothingIsSentAnywhere() throws Exception {
    Path cwd = emptyDir("nothing");
    // Every socket the child opens, to any address, goes through this SOCKS "proxy" first.
    try (Trap trap = new Trap(others.base())) {
      List<String> viaTrap = List.of("-DsocksProxyHost=127.0.0.1", "-DsocksProxyPort=" + others.base(),
          "-DsocksNonProxyHosts=");
      // The trap works: a tool told an address (the old built-in default) connects through it.
      new ToolProcess(dir).run(cwd, Map.of(), viaTrap, QUERY_AND_EXIT, "client", "--frontend", "http://localhost:1234");
      assertThat(trap.awaitConnections(1)).as("connections the control run made").isPositive();
      int before = trap.connections();

      String expected = "no store found: no --cluster FILE, --data-dir DIR or TOYSTORE_DATA_DIR given, and "
          + cwd.toRealPath().resolve("data/cluster.json") + " does not exist";
      for (String tool : List.of("client", "load", "check", "chaos")) {
        ToolProcess.Result run = new ToolProcess(dir).run(cwd, Map.of("TOYSTORE_ADMIN_TOKEN", "a-token-with-no-address"), viaTrap, "", tool);
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).as(tool).startsWith("toystore " + tool + ": " + expected);
        assertThat(run.err().strip().lines()).as(tool).hasSize(1);
        assertThat(run.out()).as(tool).isEmpty();
      }
      assertThat(trap.connections()).as("connections made when no store was found").isEqualTo(before);
    }
  }

  @Test
  void anUnknownClusterFileIsExitTwoNamingIt() throws Exception {
    Path missing = dir.resolve("no-such/cluster.json");

    ToolProcess.Result run = toystore(emptyDir("g"), Map.of(), "", "check", "--cluster", missing.toString());

    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).startsWith("toystore check: no store found: " + missing + " (from --cluster) does not exist");
  }

  /** A listening socket that accepts and counts every connection, then closes it. */
  private static final class Trap implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    Trap(int port) throws IOException {
      socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
      acceptor = new Thread(this::accept, "discovery-trap");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try (Socket accepted = socket.accept()) {
          connections.incrementAndGet();
        } catch (IOException e) {
          if (!socket.isClosed()) {
            throw new UncheckedIOException("the trap stopped accepting", e);
          }
        }
      }
    }

    int connections() {
      return connections.get();
    }

    /** The count once it reaches {@code n}, or after 10 s whatever it is. */
    int awaitConnections(int n) throws InterruptedException {
      for (int i = 0; i < 200 && connections.get() < n; i++) {
        Thread.sleep(50);
      }
      return connections.get();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      acceptor.join(5_000);
    }
  }
}
