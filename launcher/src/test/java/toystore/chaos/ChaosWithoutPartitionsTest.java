package toystore.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.nemesis.Partitions;
import toystore.supervisor.AgentServer;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.FreePorts;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.ServiceOptions;
import toystore.supervisor.Supervisor;

/**
 * Against a real agent whose iptables fails (as it does without root), {@code toystore chaos
 * --faults ...,partition} says why and exits 2 before any load or fault, rather than run a
 * schedule whose partitions all fail.
 */
class ChaosWithoutPartitionsTest {
  private static final String TOKEN = "chaos-without-partitions-test";

  @TempDir Path dir;

  @Test
  void partitionFaultsWithAnAgentThatCannotMakeThemExitTwoWithTheAgentsReason() throws Exception {
    try (FreePorts.Block ports = FreePorts.reserve(6)) {
      exitsTwo(ClusterLayout.withPortBase(ports.base(), 3));
    }
  }

  private void exitsTwo(ClusterLayout layout) throws Exception {
    // Never started: the command only reads /cluster and /partitions before it would start the load.
    PrometheusRegistry metrics = new PrometheusRegistry();
    Supervisor supervisor = new Supervisor(layout, dir, "secret", JavaCommand.current(), ServiceOptions.defaults(),
        metrics);
    Partitions partitions = new Partitions(supervisor.endpoints(), "false", layout.firewallChain());
    String reason = partitions.start().orElseThrow();
    Path token = Files.writeString(dir.resolve("admin.token"), TOKEN);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (AgentServer agent = new AgentServer(supervisor, null, partitions, ClusterLayout.HOST, layout.agentPort(), TOKEN,
        metrics).start()) {
      int exit = new CommandLine(new ChaosCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
          .execute("--frontend", layout.frontendUrl(), "--agent", layout.agentUrl(), "--token-file", token.toString(),
              "--faults", "kill,partition", "--duration", "10s", "--seed", "1");

      assertThat(exit).as(out + "" + err).isEqualTo(2);
      assertThat(err.toString()).startsWith(
          "toystore chaos: the agent cannot make partitions: partitions are unavailable: " + reason + " (HTTP 501)");
      assertThat(out.toString()).isEmpty();
    } finally {
      partitions.close();
      supervisor.close();
    }
  }
}
