package toystore.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.supervisor.ClusterTestSupport;

/** A short seeded chaos run against a real store: replicas killed with SIGKILL under load. */
class ChaosClusterTest {
  private static final int PORT_BASE = 25000;

  @TempDir static Path dir;
  static ClusterTestSupport cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = ClusterTestSupport.start(PORT_BASE, dir.resolve("data"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aSeededRunKillingOrderReplicasEndsWithThePassingChecker() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path reportFile = dir.resolve("chaos.json");

    int exit =
        new CommandLine(new ChaosCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(
                "--frontend", cluster.cluster().frontendUrl(),
                "--agent", cluster.cluster().agentUrl(),
                "--token-file", cluster.cluster().tokenFile().toString(),
                "--duration", "20s", "--interval", "4s", "--targets", "order", "--kill-leader-ratio", "0.5",
                "--seed", "11", "--clients", "3", "--p", "0.5", "--report", reportFile.toString());

    String output = out.toString();
    assertThat(exit).as(output + err).isZero();
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
}
