package toystore.gui;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toystore.config.Settings;

/**
 * {@code toystore gui}: opens the dashboard. A plain class rather than a JavaFX {@code Application}
 * (which cannot be a shaded jar's main class): it starts the FX platform itself and returns once the
 * window has closed.
 */
@Command(
    name = "gui",
    mixinStandardHelpOptions = true,
    description = "Opens the Toy Store dashboard: the shop, the replicas, chaos buttons, load and cache views.")
public final class DashboardMain implements Callable<Integer> {
  @Option(names = "--cluster", paramLabel = "FILE", defaultValue = "data/cluster.json",
      description = "cluster.json written by 'toystore up' (default: ${DEFAULT-VALUE})")
  Path clusterFile;

  @Option(names = "--frontend", paramLabel = "URL", description = "frontend address; overrides cluster.json")
  String frontend;

  @Option(names = "--agent", paramLabel = "URL", description = "chaos agent address; overrides cluster.json")
  String agent;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "file holding the agent's admin token (else TOYSTORE_ADMIN_TOKEN, else the one cluster.json names)")
  Path tokenFile;

  @Option(names = "--seed", paramLabel = "N",
      description = "seed of the chaos monkey's and the load runs' choices (default: random; the timeline shows it)")
  Long seed;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DashboardMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    Endpoints endpoints;
    try {
      String envToken = Settings.fromProcess().string(null, "TOYSTORE_ADMIN_TOKEN", null);
      endpoints = Endpoints.resolve(new Endpoints.Sources(clusterFile, frontend, agent, tokenFile, envToken));
    } catch (IllegalArgumentException e) {
      System.err.println("toystore gui: " + e.getMessage());
      return 2;
    }
    long chosenSeed = seed != null ? seed : System.nanoTime();

    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<String> failure = new AtomicReference<>();
    try {
      Platform.startup(() -> {
        try {
          Stage stage = new Stage();
          stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
          new Dashboard(endpoints, chosenSeed).show(stage);
        } catch (RuntimeException e) {
          failure.set(String.valueOf(e.getMessage()));
          closed.countDown();
        }
      });
    } catch (UnsupportedOperationException e) {
      System.err.println("toystore gui: cannot open a window (" + e.getMessage() + "); is DISPLAY set?");
      return 1;
    }
    closed.await();
    Platform.exit();
    if (failure.get() != null) {
      System.err.println("toystore gui: the dashboard failed to start: " + failure.get());
      return 1;
    }
    return 0;
  }
}
