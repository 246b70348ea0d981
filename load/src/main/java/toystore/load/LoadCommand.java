package toystore.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toystore.connect.AgentUse;
import toystore.connect.ClusterOptions;
import toystore.connect.StoreNotFoundException;

/** {@code toystore load}: the lab's client model against a running store. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    header = "Run the lab's load test and report latency per request type.",
    description = {
      "Runs the lab's load: every client keeps one connection, queries a random toy and, when it is in",
      "stock, orders it with probability P; at the end it reads back every order it placed.",
      "Prints latency figures per request type; exits 1 if any acknowledged order reads back differently,",
      "2 on bad settings or when the store cannot be found."
    })
public final class LoadCommand implements Callable<Integer> {
  @Mixin private ClusterOptions cluster;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "4", description = "concurrent clients (default: ${DEFAULT-VALUE})")
  private int clients;

  @Option(names = "--p", paramLabel = "P", defaultValue = "0.5", description = "probability of ordering a toy in stock (default: ${DEFAULT-VALUE})")
  private double orderProbability;

  @Option(names = "--iterations", paramLabel = "K", defaultValue = "100", description = "queries per client (default: ${DEFAULT-VALUE})")
  private long iterations;

  @Option(names = "--seed", paramLabel = "S", description = "makes the clients' choices repeatable (default: random, printed)")
  private Long seed;

  @Option(names = "--report", paramLabel = "FILE", description = "write the JSON report here, and the figures as CSV next to it")
  private Path report;

  @Option(names = "--csv", paramLabel = "FILE", description = "where the CSV goes (default: the report's name with .csv)")
  private Path csv;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (iterations == 0) {
        throw new IllegalArgumentException("--iterations must be at least 1 (the command has no other way to stop)");
      }
      LoadSettings settings =
          new LoadSettings(
              cluster.locate(AgentUse.NONE, ClusterOptions.toolHttp()).frontendUrl(), clients, orderProbability, iterations,
              seed != null ? seed : new SecureRandom().nextLong());
      LoadReport result = run(settings, out);
      out.print(SummaryTable.render(result));
      if (report != null) {
        Path csvFile = csv != null ? csv : LoadReports.csvNextTo(report);
        LoadReports.writeJson(result, report);
        LoadReports.writeCsv(result, csvFile);
        out.println("Report: " + report + " and " + csvFile);
      }
      out.flush();
      return result.passed() ? 0 : 1;
    } catch (IllegalArgumentException | StoreNotFoundException e) {
      err.println("toystore load: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("toystore load: " + e.getMessage());
      return 1;
    }
  }

  /** Runs {@code settings} to the end, showing progress on {@code out}. */
  static LoadReport run(LoadSettings settings, PrintWriter out) throws IOException, InterruptedException {
    LoadGenerator load = LoadGenerator.overTheCatalog(settings);
    out.printf(
        "Load %s: %d clients x %d iterations, p=%s, seed %d against %s%n",
        load.runId(), settings.clients(), settings.iterations(), settings.orderProbability(), settings.seed(),
        settings.frontendUrl());
    load.start();
    new ProgressDisplay(out, System.console() != null).follow(load);
    return load.awaitReport();
  }
}
