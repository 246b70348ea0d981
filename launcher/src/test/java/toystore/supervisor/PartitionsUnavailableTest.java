package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.model.ClusterView;
import toystore.model.PartitionRequest;
import toystore.nemesis.Partitions;

/**
 * Where iptables cannot work (no such program, or one that fails as it does without root), every
 * partition route of a real agent answers 501 with the reason, and the rest of the agent works.
 */
class PartitionsUnavailableTest {
  private static final String TOKEN = "partitions-unavailable-test";

  @TempDir Path dir;

  private record Route(String method, List<String> path, Object body) {}

  private static final List<Route> PARTITION_ROUTES = List.of(
      new Route("POST", List.of("partitions"), new PartitionRequest(List.of(List.of("order-1"), List.of("order-2")))),
      new Route("GET", List.of("partitions"), null),
      new Route("DELETE", List.of("partitions", "p1"), null),
      new Route("DELETE", List.of("partitions"), null),
      new Route("POST", List.of("chaos", "isolate-leader"), null));

  /** Whether the machine's real iptables has the chain; without the program there is none. */
  private static boolean chainExists(String chain) throws InterruptedException {
    Process iptables;
    try {
      iptables = new ProcessBuilder("iptables", "-w", "-S", chain).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException noIptables) {
      return false;
    }
    assertThat(iptables.waitFor(20, TimeUnit.SECONDS)).as("iptables finished").isTrue();
    return iptables.exitValue() == 0;
  }

  @ParameterizedTest(name = "iptables = {0}")
  @ValueSource(strings = {"/nonexistent/iptables", "false"})
  void everyPartitionRouteAnswers501WithTheReason(String iptables) throws Exception {
    try (FreePorts.Block ports = FreePorts.reserve(6)) {
      answers501(iptables, ClusterLayout.withPortBase(ports.base(), 3));
    }
  }

  private void answers501(String iptables, ClusterLayout layout) throws Exception {
    // Never started: the agent only needs it for /cluster and the leader, and no process is spawned.
    Supervisor supervisor = new Supervisor(layout, dir, "secret", JavaCommand.current(), ServiceOptions.defaults(),
        new PrometheusRegistry());
    Partitions partitions = new Partitions(supervisor.endpoints(), iptables, layout.firewallChain());
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(10));

    String reason = partitions.start().orElseThrow();

    assertThat(reason).contains(iptables);
    try (AgentServer agent = new AgentServer(supervisor, null, partitions, ClusterLayout.HOST, layout.agentPort(), TOKEN,
        new PrometheusRegistry())
        .start()) {
      JsonHttpClient client = new JsonHttpClient(http, layout.agentUrl(), TOKEN);
      for (Route route : PARTITION_ROUTES) {
        assertThatThrownBy(() -> client.call(route.method(), route.path(), Map.of(), route.body(), Map.of(), Object.class))
            .as("%s /%s", route.method(), String.join("/", route.path()))
            .isInstanceOfSatisfying(ApiException.class, e -> {
              assertThat(e.status()).isEqualTo(501);
              assertThat(e.getMessage()).isEqualTo("partitions are unavailable: " + reason);
            });
      }
      assertThat(client.<ClusterView>get(List.of("cluster"), ClusterView.class).services()).hasSize(5);
      if (Root.uid() == 0) {
        assertThat(chainExists(layout.firewallChain())).as("the real iptables has a chain %s", layout.firewallChain())
            .isFalse();
      }
    } finally {
      partitions.close();
      supervisor.close();
      http.dispatcher().executorService().shutdown();
    }
  }
}
