package toystore.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.supervisor.FreePorts;

/** The headless demo end to end: it starts its own store, walks through failover and stops it. */
class DemoClusterTest {

  @TempDir Path dir;

  @Test
  void theDemoRunsEndToEndAndPasses() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit;
    try (FreePorts.Block ports = FreePorts.reserve(6)) {
      exit = new CommandLine(new DemoCommand())
          .setOut(new PrintWriter(out))
          .setErr(new PrintWriter(err))
          .execute("--port-base", Integer.toString(ports.base()), "--data-dir", dir.resolve("data").toString(), "--seed", "5");
    }

    String output = out.toString();
    assertThat(exit).as(output + err).isZero();
    assertThat(output)
        .contains(" 1. The cluster", "Kill the leader", "Look up the first order on the new leader",
            "caught up", "Look up every order with one replica of three", "Every replica holds the same log",
            "CHECK PASSED")
        .doesNotContain("✗");
    assertThat(output.lines().filter(l -> l.strip().startsWith("✓")).count()).isGreaterThanOrEqualTo(14);
    assertThat(output).contains("DEMO PASSED");
    assertThat(output.strip().lines().reduce((a, b) -> b)).hasValue("DEMO PASSED: all 15 steps went as docs/API.md §3 promises");
  }
}
