package toystore.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.supervisor.ClusterTestSupport;

/**
 * Short seeded chaos runs against a real store under load: replicas killed with SIGKILL; and
 * killed, frozen with SIGSTOP and cut off by iptables rules (the last needs root: skipped, saying
 * so, without it).
 */
class ChaosClusterTest {
  @TempDir static Path dir;
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  @Test
  void aSeededRunKillingOrderReplicasEndsWithThePassingChecker() throws IOException {
    Path reportFile = dir.resolve("chaos.json");

    String output = chaos("--duration", "20s", "--interval", "4s", "--targets", "order", "--kill-leader-ratio", "0.5",
        "--seed", "11", "--clients", "3", "--p", "0.5", "--report", reportFile.toString());
    // Seed 11 plans kills at 4 s, 12 s and restarts at 8 s, 16 s (see ChaosPlan); each shows live, then in the timeline.
    assertThat(output.lines().filter(l -> l.contains("s  kill ") && l.contains("— no client-visible errors")).count())
        .as(output).isEqualTo(2);
    assertThat(output.lines().filter(l -> l.contains("s  restart ") && l.contains("— no client-visible errors")).count())
        .as(output).isEqualTo(2);
    assertThat(output).contains("Timeline (seconds since the load started):", "CHECK PASSED: ", "CHAOS PASSED");
    LoadReport report = LoadReports.readJson(reportFile);
    assertThat(report.orders()).isNotEmpty();
    assertThat(report.mismatches()).isEmpty();
    assertThat(report.clientVisibleErrors()).isZero();
  }

  @Test
  void aSeededRunOfKillsPausesAndPartitionsPassesAndShowsTheLongestStallPerKind() throws IOException {
    Optional<String> refusal = PartitionSupport.refusal(cluster.agent());
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    long seed = 1;
    Schedule schedule = new Schedule(Duration.ofSeconds(26), Duration.ofSeconds(3), EnumSet.allOf(FaultKind.class), Targets.ORDER, 0.5);
    // Seed 1 plans a leader kill, the frontend cut off from the leader, a leader pause, a replica kill.
    assertThat(ChaosPlan.create(seed, schedule, List.of("order-1", "order-2", "order-3"), List.of("catalog", "frontend")))
        .extracting(Fault::kind).containsAll(EnumSet.allOf(FaultKind.class));
    String output = chaos("--faults", "kill,pause,partition", "--duration", "26s", "--interval", "3s",
        "--leader-ratio", "0.5", "--seed", Long.toString(seed), "--clients", "3", "--p", "0.5");
    assertThat(output).contains("Longest stall (no client finished an iteration) while a fault was in force:", "CHECK PASSED: ", "CHAOS PASSED");
    for (FaultKind kind : FaultKind.values()) {
      assertThat(output.lines().filter(l -> l.matches("  " + kind.label() + " +(\\d+\\.\\d\\d s from [-+][0-9.]+ s|no stall) \\(\\d+ faults?\\).*")))
          .as(output).hasSize(1);
    }
    assertThat(output.lines().filter(l -> l.contains("s  resume ") || l.contains("s  heal the partition")).count())
        .as(output).isGreaterThanOrEqualTo(2);
  }

  /** Runs {@code toystore chaos} against the test's store, asserts it exited 0, and returns what it printed. */
  private static String chaos(String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("--frontend", cluster.cluster().frontendUrl(),
        "--agent", cluster.cluster().agentUrl(), "--token-file", cluster.cluster().tokenFile().toString()));
    args.addAll(List.of(options));
    int exit = new CommandLine(new ChaosCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(args.toArray(String[]::new));
    String output = out.toString();
    System.out.println(output);
    assertThat(exit).as(output + err).isZero();
    return output;
  }
}
