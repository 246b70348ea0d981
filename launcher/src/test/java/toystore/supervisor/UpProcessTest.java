package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.json.Json;
import toystore.model.ClusterFile;
import toystore.model.ServiceInfo;

/** {@code toystore up} as its own process: it starts everything, and neither SIGTERM nor SIGKILL leaves anything behind. */
class UpProcessTest {
  private static final int REPLICAS = 3;

  @TempDir
  Path tempDir;

  /** This test's ports: {@code up --port-base} gets their base. */
  private final FreePorts.Block block = FreePorts.reserve(3 + REPLICAS);
  private Process up;
  private final List<Long> childPids = new ArrayList<>();
  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));

  @AfterEach
  void killLeftovers() throws IOException {
    // Only reached with something alive when an assertion failed: never leave processes behind.
    childPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    if (up != null) {
      up.destroyForcibly();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    block.close();
  }

  /** Starts {@code toystore up} as a process, waits for cluster.json and records every child's pid. */
  private ClusterFile startUp(Path dataDir, Path output) throws Exception {
    JavaCommand java = JavaCommand.current();
    ProcessBuilder builder = new ProcessBuilder(java.executable(), "-cp", java.classPath(), "toystore.cli.ToyStore",
        "up", "--data-dir", dataDir.toString(), "--port-base", Integer.toString(block.base()),
        "--replicas", Integer.toString(REPLICAS))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("TOYSTORE_"));
    up = builder.start();

    Path clusterJson = dataDir.resolve("cluster.json");
    Deadline.await(Duration.ofSeconds(120), "cluster.json (output: " + output + ")",
        () -> Files.exists(clusterJson) || !up.isAlive());
    assertThat(up.isAlive()).as("up still running; output:%n%s", Files.readString(output)).isTrue();
    ClusterFile file = Json.read(Files.readString(clusterJson), ClusterFile.class);
    String token = Files.readString(Path.of(file.tokenFile())).strip();
    List<ServiceInfo> services = new AgentClient(http, file.agent(), token).services();
    assertThat(services).hasSize(REPLICAS + 2).allSatisfy(s -> assertThat(s.alive()).isTrue());
    services.forEach(s -> childPids.add(s.pid()));
    return file;
  }

  private void awaitEveryChildAndPortGone() {
    Deadline.await(Duration.ofSeconds(15), "every child gone", () -> childPids.stream().allMatch(Deadline::gone));
    List<Integer> ports = IntStream.range(block.base(), block.base() + 3 + REPLICAS).boxed().toList();
    Deadline.await(Duration.ofSeconds(15), "ports " + ports + " free",
        () -> ports.stream().allMatch(Deadline::portFree));
  }

  @Test
  void upStartsTheStoreAndSigtermStopsEveryChild() throws Exception {
    Path dataDir = tempDir.resolve("data");
    Path output = tempDir.resolve("up.out");
    ClusterFile file = startUp(dataDir, output);

    assertThat(file.frontend()).isEqualTo("http://127.0.0.1:" + (block.base() + 1));
    assertThat(new JsonHttpClient(http, file.frontend(), null).<ServiceHealth>get(List.of("health"), ServiceHealth.class))
        .isEqualTo(ServiceHealth.UP);
    String token = Files.readString(Path.of(file.tokenFile())).strip();
    List<ServiceInfo> services = new AgentClient(http, file.agent(), token).services();
    assertThat(services).filteredOn(s -> s.role() == toystore.model.Role.LEADER).as("a leader before cluster.json").hasSize(1);
    assertThat(Files.readString(output))
        .contains("Press Ctrl-C to stop", file.frontend(), file.agent(), file.tokenFile())
        .doesNotContain(token);

    up.destroy();

    assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("up exits after SIGTERM").isTrue();
    awaitEveryChildAndPortGone();
    assertThat(Files.readString(output)).contains("Stopped.");
    assertThat(dataDir.resolve("cluster.json")).doesNotExist();
  }

  @Test
  void evenSigkillOfUpLeavesNoChildBehind() throws Exception {
    startUp(tempDir.resolve("data"), tempDir.resolve("up.out"));

    up.destroyForcibly();

    try {
      assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
      awaitEveryChildAndPortGone();
    } finally {
      removeFirewallChain();
    }
  }

  /**
   * A SIGKILLed {@code up} cannot remove its (empty) iptables chain; the next {@code up} on these
   * ports would. This test starts none, so it removes it itself, as that start would.
   */
  private void removeFirewallChain() throws IOException, InterruptedException {
    if (Root.uid() != 0) {
      return;
    }
    String chain = ClusterLayout.withPortBase(block.base(), REPLICAS).firewallChain();
    for (List<String> args : List.of(List.of("-D", "OUTPUT", "-o", "lo", "-j", chain), List.of("-F", chain),
        List.of("-X", chain))) {
      List<String> command = new ArrayList<>(List.of("iptables", "-w"));
      command.addAll(args);
      // Each may fail when there is nothing to remove (no iptables, or no chain was made).
      Process iptables;
      try {
        iptables = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      } catch (IOException noIptables) {
        return;
      }
      assertThat(iptables.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aBadCommandLineGetsAClearMessageAndNoStackTrace() throws IOException, InterruptedException {
    JavaCommand java = JavaCommand.current();
    Path output = tempDir.resolve("bad.out");
    Process bad = new ProcessBuilder(java.executable(), "-cp", java.classPath(), "toystore.cli.ToyStore",
        "up", "--replicas", "many")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();

    assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isNotZero();
    assertThat(Files.readString(output))
        .contains("--replicas", "many", "toystore up --help")
        .doesNotContain("Exception", "\tat ");
  }
}
