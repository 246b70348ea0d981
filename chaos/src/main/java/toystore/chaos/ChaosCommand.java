package toystore.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
import toystore.connect.AgentUse;
import toystore.connect.ClusterOptions;
import toystore.connect.StoreAddress;
import toystore.connect.StoreNotFoundException;
import toystore.load.LoadGenerator;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.load.LoadSettings;
import toystore.load.ProgressDisplay;
import toystore.load.ProgressTicker;
import toystore.load.Standstill;
import toystore.load.SummaryTable;
import toystore.model.ServiceInfo;

/** {@code toystore chaos}: the load under a seeded schedule of faults and their heals, then the checker. */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    header = "Run the load while services are killed, paused or cut off and healed, then check consistency.",
    description = {
      "Runs the load while a seeded schedule injects faults into the order replicas (with --targets all, also",
      "the catalog and the frontend) and heals each before the next: kill -> restart, pause (SIGSTOP) -> resume,",
      "partition -> heal; never more than one replica affected. Then it resumes, heals and restarts whatever is",
      "still broken, and runs the consistency checker (which waits up to 15 s for the store to settle). Prints",
      "the faults with the client-visible errors around each and, per kind, the longest stall; exits 1 if an",
      "acknowledged order is lost or changed, the checker finds a violation, a fault could not be carried out,",
      "or a client saw an error while only order replicas were hit (docs/API.md §3.6, §3.9); exits 2 on bad settings,",
      "when the store cannot be found, or when the agent cannot make partitions (it needs root)."
    })
public final class ChaosCommand implements Callable<Integer> {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  @Mixin private ClusterOptions cluster;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class, description = "how long the faults go on (default: ${DEFAULT-VALUE})")
  private Duration duration;

  @Option(names = "--interval", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class, description = "time between a fault and its heal, and between a heal and the next fault (default: ${DEFAULT-VALUE})")
  private Duration interval;

  @Option(names = "--faults", paramLabel = "KINDS", defaultValue = "kill", description = "the kinds of fault, comma-separated: kill, pause, partition (default: ${DEFAULT-VALUE})")
  private String faults;

  @Option(names = "--targets", paramLabel = "order|all", defaultValue = "order", description = "what may be killed or paused (default: ${DEFAULT-VALUE}); partitions always cut order replicas off")
  private String targets;

  @Option(names = {"--leader-ratio", "--kill-leader-ratio"}, paramLabel = "R", defaultValue = "0.5", description = "share of faults aimed at the current order leader (default: ${DEFAULT-VALUE})")
  private double leaderRatio;

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
      Schedule schedule =
          new Schedule(duration, interval, FaultKind.parseList(faults), Targets.parse(targets), leaderRatio);
      long runSeed = seed != null ? seed : new SecureRandom().nextLong();
      OkHttpClient http = ClusterOptions.toolHttp();
      StoreAddress address = cluster.locate(AgentUse.REQUIRED, http);
      AgentClient agent = address.agentClient(http);
      StoreClient store = address.storeClient(http);
      List<ServiceInfo> services = agent.services();
      List<String> others = names(services, false);
      List<Fault> plan = ChaosPlan.create(runSeed, schedule, names(services, true), others);
      if (schedule.kinds().contains(FaultKind.PARTITION)) {
        Optional<String> refusal = PartitionSupport.refusal(agent);
        if (refusal.isPresent()) {
          err.println("toystore chaos: the agent cannot make partitions: " + refusal.get()
              + " (the agent needs root for its iptables rules; run 'toystore up' as root, or leave partition out of --faults)");
          return 2;
        }
      }
      LoadSettings settings = new LoadSettings(store.url(), clients, orderProbability, 0, runSeed);
      return run(out, agent, store, plan, settings, schedule, Set.copyOf(others));
    } catch (IllegalArgumentException | StoreNotFoundException e) {
      err.println("toystore chaos: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("toystore chaos: " + e.getMessage());
      return 1;
    }
  }

  private int run(
      PrintWriter out, AgentClient agent, StoreClient store, List<Fault> plan, LoadSettings settings,
      Schedule schedule, Set<String> otherServices)
      throws IOException, InterruptedException {
    out.printf(
        "Chaos: %d faults (%s) over %s (a fault or a heal every %s, targets %s, leader ratio %s), seed %d; load: %d clients, p=%s%n",
        plan.stream().filter(f -> !f.action().heals()).count(),
        schedule.kinds().stream().sorted().map(FaultKind::label).collect(Collectors.joining(", ")),
        seconds(duration), seconds(interval), schedule.targets().name().toLowerCase(Locale.ROOT), leaderRatio,
        settings.seed(), settings.clients(), settings.orderProbability());
    out.flush();
    LoadGenerator load = LoadGenerator.overTheCatalog(settings);
    long startMs = System.currentTimeMillis();
    load.start();
    Standstill standstill = new Standstill("chaos-standstill", load::iterations).start();
    ChaosMonkey monkey = new ChaosMonkey(agent, event -> {
      out.println(Timeline.line(startMs, event));
      out.flush();
    });
    List<FaultEvent> events = new ArrayList<>();
    out.printf("[1/3] Faults under load for %s, a progress line every %d s%n", seconds(duration), PROGRESS_EVERY.toSeconds());
    out.flush();
    try (ProgressTicker ticker = ProgressTicker.start("chaos-progress", out, PROGRESS_EVERY,
        () -> "  " + ProgressDisplay.line(load.snapshot(), duration))) {
      events.addAll(monkey.run(plan));
      long remaining = startMs + duration.toMillis() - System.currentTimeMillis();
      if (remaining > 0) {
        Thread.sleep(remaining);
      }
      events.addAll(monkey.heal());
    } finally {
      // Before the clients read their orders back: that is no standstill.
      standstill.close();
      load.stop();
    }
    out.println("[2/3] Faults over and healed; the clients read their orders back…");
    out.flush();
    new ProgressDisplay(out, System.console() != null).follow(load);
    LoadReport result = load.awaitReport();
    if (report != null) {
      LoadReports.writeJson(result, report);
      LoadReports.writeCsv(result, LoadReports.csvNextTo(report));
    }
    out.println("[3/3] Running the consistency checker…");
    out.flush();
    CheckResult check = new ConsistencyChecker(agent, store, line -> {
      out.println("  " + line);
      out.flush();
    }).check(result.orders());

    out.println();
    out.print(Timeline.render(startMs, events, result.errors()));
    out.println();
    out.print(StallSummary.render(startMs, StallSummary.of(schedule.kinds(), events, standstill.stalls())));
    out.println();
    out.print(SummaryTable.render(result));
    out.println();
    out.print(check.render());
    List<String> failures = failures(events, result, check, otherServices);
    out.println();
    out.println(failures.isEmpty() ? "CHAOS PASSED" : "CHAOS FAILED: " + String.join("; ", failures));
    out.flush();
    return failures.isEmpty() ? 0 : 1;
  }

  /** @param otherServices the services that are not order replicas: a fault there may show */
  static List<String> failures(List<FaultEvent> events, LoadReport load, CheckResult check, Set<String> otherServices) {
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
    boolean onlyReplicasHit = events.stream()
        .filter(e -> !e.action().heals())
        .noneMatch(e -> e.service() != null && otherServices.contains(e.service()));
    if (onlyReplicasHit && load.clientVisibleErrors() > 0) {
      failures.add(load.clientVisibleErrors() + " client-visible errors while only order replicas were hit (docs/API.md §3.6, §3.9)");
    }
    return failures;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static List<String> names(List<ServiceInfo> services, boolean orderReplicas) {
    return services.stream()
        .filter(s -> s.isOrderReplica() == orderReplicas)
        .map(ServiceInfo::name)
        .toList();
  }
}
