package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toystore.client.AgentClient;
import toystore.client.StoreClient;
import toystore.config.Settings;
import toystore.connect.ClusterOptions;
import toystore.supervisor.Cluster;
import toystore.supervisor.ClusterFlags;

/**
 * {@code toystore demo}: starts a store; with a display, opens the dashboard on it until the window
 * closes; without one (or with {@code --headless}), walks through failover in the terminal.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Start a store and show failover: the dashboard if there is a display, else a narrated walkthrough.",
    description = {
      "Starts a store. With a display (and the dashboard built), opens the dashboard on it and stops the",
      "store when the window closes. Without a display, or with --headless, it runs the original design's",
      "failover walkthrough, narrated step by step: place",
      "orders, kill the leader, place more, read the first on the new leader, restart the old leader and",
      "watch it catch up, kill the other two and read every order again, restart them and compare every",
      "replica's digest. With --replication raft the walkthrough is Raft's: kill the leader Raft elected,",
      "see the survivors elect another in a newer term, order and read back, restart the killed replica",
      "and watch it catch up from the Raft log, compare every replica's digest.",
      "Ends with DEMO PASSED or DEMO FAILED (exit 0 or 1) and stops the store.",
      "While it runs, <data-dir>/cluster.json names the store: other tools find it with --data-dir DIR."
    })
public final class DemoCommand implements Callable<Integer> {
  @Mixin private ClusterFlags flags;

  @Option(names = "--seed", paramLabel = "S", description = "which toys and quantities are ordered (default: random)")
  private Long seed;

  @Option(names = "--headless", description = "run the terminal walkthrough even when a display is available")
  private boolean headless;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Cluster.Config config;
    try {
      config = flags.resolve(Settings.fromProcess());
    } catch (IllegalArgumentException e) {
      err.println("toystore demo: " + e.getMessage());
      return 2;
    }
    out.println("Starting a store for the demo (logs in " + config.dataDir().resolve("logs") + "):");
    out.flush();
    Cluster cluster = new Cluster(config);
    // A Ctrl-C in the middle of the demo must not leave the store's processes behind.
    Thread stopOnExit = new Thread(cluster::close, "toystore-demo-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    OkHttpClient http = ClusterOptions.toolHttp();
    FailoverDemo demo = null;
    try {
      try {
        cluster.start(line -> {
          out.println(line);
          out.flush();
        });
      } catch (IOException | RuntimeException e) {
        err.println("toystore demo: the store did not start: " + e.getMessage());
        return 1;
      }
      Optional<Path> dashboard = headless ? Optional.empty() : Dashboard.available();
      if (dashboard.isPresent()) {
        return Dashboard.runUntilClosed(dashboard.get(), cluster.clusterFile(), out);
      }
      demo =
          new FailoverDemo(
              new StoreClient(http, cluster.frontendUrl()),
              new AgentClient(http, cluster.agentUrl(), cluster.adminToken()),
              out,
              seed != null ? seed : new SecureRandom().nextLong(),
              newRunId(),
              config.options().replication());
      return demo.run() ? 0 : 1;
    } finally {
      out.println("Stopping the store…");
      out.flush();
      cluster.close();
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
      if (demo != null) {
        // The verdict comes last, after the store is down, so it is the line a reader sees.
        out.println();
        out.println(demo.summary());
        out.flush();
      }
    }
  }

  private static String newRunId() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
