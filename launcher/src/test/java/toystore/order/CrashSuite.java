package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.chaos.ChaosCommand;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.load.RequestType;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Root;

/**
 * The seeded randomized crash test: clients order continuously while a schedule SIGKILLs and
 * restarts order replicas, the leader about half the time, at least 20 times; then the checker
 * asserts every acknowledged order is readable and unchanged, numbers are unique, stock is
 * conserved, replicas converge, and no client saw an error (a majority was always up).
 *
 * <p>Reproduce a run with {@code -Dtoystore.crash.seed=<seed>} (the seed is printed). The nemesis
 * mode does the same with pauses and partitions among the faults. Both run once per engine
 * ({@link CrashLabTest}, {@link CrashRaftTest}), with the same seeds and the same verdict.
 */
abstract class CrashSuite {
  private static final int KILLS = 20;

  @TempDir Path dir;
  private final ClusterTestSupport cluster;
  private final int nemesisFaults;

  /**
   * {@code cluster}: the subclass's store, registered as an extension on its static field;
   * {@code nemesisFaults}: how many faults the nemesis run injects at least.
   */
  CrashSuite(ClusterTestSupport cluster, int nemesisFaults) {
    this.cluster = cluster;
    this.nemesisFaults = nemesisFaults;
  }

  @Test
  void twentyKillsUnderLoadLoseNothingAndNoClientSeesAnError() throws IOException {
    long seed = Long.getLong("toystore.crash.seed", 20261124L);
    System.out.println("crash test seed: " + seed + " (rerun with -Dtoystore.crash.seed=" + seed + ")");
    // Each interval kills one replica or restarts the one that is down, so 2 × KILLS intervals.
    Run run = chaos("crash", "kill", seed, 2 * KILLS, Duration.ofMillis(1500));

    assertThat(run.count("kill")).as(run.output()).isGreaterThanOrEqualTo(KILLS);
  }

  /**
   * The nemesis mode: the same verdict under a seeded mix of kills, pauses (SIGSTOP) and partitions
   * (iptables drops), at least {@code nemesisFaults}, one at a time, each healed before the next. Partitions
   * need root; without it the test is skipped, saying so. Reproduce with
   * {@code -Dtoystore.nemesis.seed=<seed>}.
   */
  @Test
  void aNemesisOfKillsPausesAndPartitionsUnderLoadLosesNothingAndNoClientSeesAnError() throws IOException {
    Root.assume("the nemesis' partitions (iptables)");
    long seed = Long.getLong("toystore.nemesis.seed", 20261201L);
    System.out.println("nemesis seed: " + seed + " (rerun with -Dtoystore.nemesis.seed=" + seed + ")");
    Run run = chaos("nemesis", "kill,pause,partition", seed, 2 * nemesisFaults, Duration.ofMillis(1000));

    assertThat(run.count("kill|pause|cut")).as(run.output()).isGreaterThanOrEqualTo(nemesisFaults);
    assertThat(run.output()).contains("pause the order leader", "cut ");
  }

  /** A chaos run's printed output and the load's report. */
  private record Run(String output, LoadReport report) {
    /** Faults whose description starts with one of {@code verbs} (a regex alternation). */
    long count(String verbs) {
      return output.lines().filter(l -> l.matches("\\s+\\+[0-9.]+ s  (" + verbs + ") .*— .*")).count();
    }
  }

  /**
   * Runs {@code toystore chaos} with 4 clients over {@code steps} intervals (a fault or a heal
   * each), prints what it printed, and asserts the verdict every run must reach: exit 0, the
   * checker passed (numbers, stock, digests), orders acknowledged, every one read back unchanged, no
   * client saw an error, and all three replicas end with the same digest.
   */
  private Run chaos(String name, String faults, long seed, int steps, Duration interval) throws IOException {
    StringWriter out = new StringWriter();
    Path reportFile = dir.resolve(name + ".json");
    int exit = new CommandLine(new ChaosCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(out))
        .execute(
            "--frontend", cluster.cluster().frontendUrl(),
            "--agent", cluster.cluster().agentUrl(),
            "--token-file", cluster.cluster().tokenFile().toString(),
            "--faults", faults,
            "--duration", (steps * interval.toMillis() + 1000) + "ms", "--interval", interval.toMillis() + "ms",
            "--targets", "order", "--leader-ratio", "0.5", "--seed", Long.toString(seed), "--clients", "4",
            "--p", "0.8", "--report", reportFile.toString());
    String output = out.toString();
    System.out.println(output);
    LoadReport report = LoadReports.readJson(reportFile);
    System.out.printf("%s: seed %d, %d orders acknowledged, %d client-visible errors, longest order %.0f ms%n",
        name, seed, report.orders().size(), report.clientVisibleErrors(), report.figures(RequestType.ORDER).maxMs());

    assertThat(exit).as(output).isZero();
    assertThat(output).contains("CHECK PASSED", "CHAOS PASSED");
    assertThat(report.orders()).isNotEmpty();
    assertThat(report.mismatches()).isEmpty();
    assertThat(report.clientVisibleErrors()).isZero();
    cluster.awaitConvergence();
    return new Run(output, report);
  }
}
