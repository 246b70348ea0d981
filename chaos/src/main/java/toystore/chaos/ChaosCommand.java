package toystore.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toystore.check.CheckResult;
import toystore.check.ConsistencyChecker;
import toystore.client.AgentClient;
import toystore.client.StoreClient;
import toystore.connect.ClusterOptions;
import toystore.load.LoadGenerator;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.load.LoadSettings;
import toystore.load.SummaryTable;
import toystore.model.ServiceInfo;

/** {@code toystore chaos}: the load under a seeded schedule of kills and restarts, then the checker. */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    header = "Run the load while replicas are killed and restarted, then check consistency.",
    description = {
      "Runs the load while a seeded schedule kills and restarts order replicas (with --targets all, also the",
      "catalog and the frontend), one service down at a time; then restarts whatever is down and runs the",
      "consistency checker. Prints the faults with the client-visible errors around each; exits 1 if an",
      "acknowledged order is lost or changed, the checker finds a violation, a fault could not be carried",
      "out, or (with --targets order) a client saw an error, which docs/API.md §3.6 rules out."
    })
public final class ChaosCommand implements Callable<Integer> {
  @Mixin private ClusterOptions cluster;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class, description = "how long the faults go on (default: ${DEFAULT-VALUE})")
  private Duration duration;

  @Option(names = "--interval", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class, description = "time between faults (default: ${DEFAULT-VALUE})")
  private Duration interval;

  @Option(names = "--targets", paramLabel = "order|all", defaultValue = "order", description = "what may be killed (default: ${DEFAULT-VALUE})")
  private String targets;

  @Option(names = "--kill-leader-ratio", paramLabel = "R", defaultValue = "0.5", description = "share of kills aimed at the current order leader (default: ${DEFAULT-VALUE})")
  private double killLeaderRatio;

  @Option(names = "--seed", paramLabel = "S", description = "makes the schedule and the clients' choices repeatable (default: random, printed)")
  private Long seed;

  @Option(names = "--clients", paramLabel = "N", defaultValue = "4", description = "concurrent load clients (default: ${DEFAULT-VALUE})")
  private int clients;

  @Option(names = "--p", paramLabel = "P", defaultValue = "0.5", description = "probability of ordering a toy in stock (default: ${DEFAULT-VALUE})")
  private double orderProbability;

  @Option(names = "--report", paramLabel = "FILE", description = "write the load's JSON report here (and its CSV next to it)")
  private Path report;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Targets parsedTargets = Targets.parse(targets);
      long runSeed = seed != null ? seed : new SecureRandom().nextLong();
      OkHttpClient http = ClusterOptions.toolHttp();
      AgentClient agent = cluster.agentClient(http);
      StoreClient store = cluster.storeClient(http);
      List<ServiceInfo> services = agent.services();
      List<Fault> plan =
          ChaosPlan.create(
              runSeed, duration, interval, parsedTargets, killLeaderRatio,
              names(services, true), names(services, false));
      LoadSettings settings = new LoadSettings(store.url(), clients, orderProbability, 0, runSeed);
      return run(out, agent, store, plan, settings, parsedTargets);
    } catch (IllegalArgumentException e) {
      err.println("toystore chaos: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("toystore chaos: " + e.getMessage());
      return 1;
    }
  }

  private int run(
      PrintWriter out, AgentClient agent, StoreClient store, List<Fault> plan, LoadSettings settings, Targets targets)
      throws IOException, InterruptedException {
    out.printf(
        "Chaos: %d faults over %s (every %s, targets %s, kill-leader ratio %s), seed %d; load: %d clients, p=%s%n",
        plan.stream().filter(f -> f.action() != Fault.Action.RESTART).count(), seconds(duration), seconds(interval),
        targets.name().toLowerCase(), killLeaderRatio, settings.seed(), settings.clients(), settings.orderProbability());
    out.flush();
    LoadGenerator load = LoadGenerator.overTheCatalog(settings);
    long startMs = System.currentTimeMillis();
    load.start();
    ChaosMonkey monkey = new ChaosMonkey(agent, event -> {
      out.println(Timeline.line(startMs, event));
      out.flush();
    });
    List<FaultEvent> events = new ArrayList<>(monkey.run(plan));
    long remaining = startMs + duration.toMillis() - System.currentTimeMillis();
    if (remaining > 0) {
      Thread.sleep(remaining);
    }
    events.addAll(monkey.heal());
    load.stop();
    out.println("Faults over; the clients read their orders back…");
    out.flush();
    LoadReport result = load.awaitReport();
    if (report != null) {
      LoadReports.writeJson(result, report);
      LoadReports.writeCsv(result, LoadReports.csvNextTo(report));
    }
    out.println("Running the consistency checker…");
    out.flush();
    CheckResult check = new ConsistencyChecker(agent, store).check(result.orders());

    out.println();
    out.print(Timeline.render(startMs, events, result.errors()));
    out.println();
    out.print(SummaryTable.render(result));
    out.println();
    out.print(check.render());
    List<String> failures = failures(events, result, check, targets);
    out.println();
    out.println(failures.isEmpty() ? "CHAOS PASSED" : "CHAOS FAILED: " + String.join("; ", failures));
    out.flush();
    return failures.isEmpty() ? 0 : 1;
  }

  static List<String> failures(List<FaultEvent> events, LoadReport load, CheckResult check, Targets targets) {
    List<String> failures = new ArrayList<>();
    long failedFaults = events.stream().filter(e -> !e.ok()).count();
    if (failedFaults > 0) {
      failures.add(failedFaults + " faults could not be carried out");
    }
    if (!load.passed()) {
      failures.add(load.mismatches().size() + " acknowledged orders read back differently");
    }
    if (!check.passed()) {
      failures.add("the checker found " + check.violations().size() + " violations");
    }
    if (targets == Targets.ORDER && load.clientVisibleErrors() > 0) {
      failures.add(load.clientVisibleErrors() + " client-visible errors while only order replicas were killed (docs/API.md §3.6)");
    }
    return failures;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static List<String> names(List<ServiceInfo> services, boolean orderReplicas) {
    return services.stream()
        .filter(s -> "order".equals(s.kind()) == orderReplicas)
        .map(ServiceInfo::name)
        .toList();
  }
}
