package toystore.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.config.PortLayout;
import toystore.config.Replication;
import toystore.supervisor.FreePorts;

/** The headless demo end to end, per engine: it starts its own store, walks through failover and stops it. */
class DemoClusterTest {
  /** Step 3's title and step 4's verdict in raft mode: the leader killed, then the one elected after it. */
  private static final Pattern KILLED = Pattern.compile("Kill the Raft leader \\((order-\\d) in term (\\d+)\\) with SIGKILL");
  private static final Pattern ELECTED = Pattern.compile("✓ (order-\\d) in term (\\d+) \\(was (order-\\d) in term (\\d+)\\)");

  @TempDir Path dir;

  private record Run(int exit, String output, String err) {}

  @Test
  void theDemoRunsEndToEndAndPasses() throws IOException {
    Run run = demo(Replication.LAB);

    String output = run.output();
    assertThat(run.exit()).as(output + run.err()).isZero();
    assertThat(output)
        .contains(" 1. The cluster", "Kill the leader", "Look up the first order on the new leader",
            "caught up", "Look up every order with one replica of three", "Every replica holds the same log",
            "CHECK PASSED")
        .doesNotContain("✗");
    assertThat(output.lines().filter(l -> l.strip().startsWith("✓")).count()).isGreaterThanOrEqualTo(14);
    assertThat(output).contains("DEMO PASSED");
    assertThat(output.strip().lines().reduce((a, b) -> b)).hasValue("DEMO PASSED: all 15 steps went as docs/API.md §3 promises");
  }

  @Test
  void theRaftDemoKillsRaftsLeaderSeesANewTermAndPasses() throws IOException {
    Run run = demo(Replication.RAFT);

    String output = run.output();
    assertThat(run.exit()).as(output + run.err()).isZero();
    assertThat(output)
        .contains("failover demo on Raft (Apache Ratis)", " 1. The cluster: order replicas on Raft (Apache Ratis)",
            "leadership is Raft's", "Raft elects a new leader", "the frontend follows Raft's choice",
            "catch up from the Raft log", "caught up", "Every replica holds the same log", "CHECK PASSED")
        .doesNotContain("✗", "one replica of three");
    Matcher killed = KILLED.matcher(output);
    assertThat(killed.find()).as(output).isTrue();
    assertThat(output).contains("✓ killed " + killed.group(1));
    Matcher elected = ELECTED.matcher(output);
    assertThat(elected.find()).as(output).isTrue();
    assertThat(elected.group(3)).isEqualTo(killed.group(1));
    assertThat(elected.group(4)).isEqualTo(killed.group(2));
    assertThat(elected.group(1)).isNotEqualTo(killed.group(1));
    assertThat(Long.parseLong(elected.group(2))).isGreaterThan(Long.parseLong(killed.group(2)));
    assertThat(output.strip().lines().reduce((a, b) -> b)).hasValue("DEMO PASSED: all 9 steps went as docs/API.md §3 promises");
  }

  private Run demo(Replication engine) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (FreePorts.Block ports = FreePorts.reserve(PortLayout.span(3))) {
      int exit = new CommandLine(new DemoCommand())
          .setOut(new PrintWriter(out))
          .setErr(new PrintWriter(err))
          .execute("--port-base", Integer.toString(ports.base()), "--data-dir", dir.resolve("data").toString(),
              "--seed", "5", "--replication", engine.word(), "--headless");
      return new Run(exit, out.toString(), err.toString());
    }
  }
}
