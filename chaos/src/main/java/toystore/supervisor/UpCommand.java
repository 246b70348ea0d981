package toystore.supervisor;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import toystore.config.Settings;
import toystore.service.ServiceProcess;

/** {@code toystore up}: runs the whole store in the foreground until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the catalog, the order replicas, the frontend and the chaos agent; stop them all on Ctrl-C.")
public final class UpCommand implements Callable<Integer> {
  @Mixin
  ClusterFlags flags;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServiceProcess.nameInLogs("agent");
    PrintWriter out = spec.commandLine().getOut();
    Settings settings = Settings.fromProcess();
    Cluster.Config config;
    try {
      config = flags.resolve(settings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    out.println("Toy Store settings:");
    out.print(settings.describe());
    out.println("Starting services (logs in " + config.dataDir().resolve("logs") + "):");
    out.flush();

    Cluster cluster = new Cluster(config);
    // Registered before anything starts, so a Ctrl-C during start-up leaves no child behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("Stopping Toy Store…");
      out.flush();
      cluster.close();
      out.println("Stopped.");
      out.flush();
    }, "toystore-stop"));
    cluster.start(line -> {
      out.println(line);
      out.flush();
    });

    out.println();
    out.println("Toy Store is running.");
    out.println("  frontend     " + cluster.frontendUrl());
    out.println("  agent        " + cluster.agentUrl());
    out.println("  admin token  " + cluster.tokenFile());
    out.println("  logs         " + cluster.logsDir());
    out.println("  cluster file " + cluster.clusterFile());
    out.println("Other tools find this store with --data-dir " + config.dataDir() + " (or TOYSTORE_DATA_DIR).");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    new CountDownLatch(1).await();
    return 0;
  }
}
