package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cluster that cannot start says why and leaves nothing running. */
class ClusterStartFailureTest {
  /** Ports and a config only: the test starts the cluster itself, expecting it to fail. */
  @RegisterExtension
  final ClusterTestSupport fixture = ClusterTestSupport.withReplicas(3).perTest().startedByTheTest();

  @Test
  void aTakenPortStopsTheStartAndEveryChildAlreadyLaunched() throws Exception {
    Cluster.Config config = fixture.config();
    int frontendPort = config.layout().frontendPort();

    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(ClusterLayout.HOST, frontendPort));

      assertThatThrownBy(() -> Cluster.start(config, line -> {}))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("port " + frontendPort + " for frontend is already in use");
    }

    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
        .as("children of the test JVM").isEmpty();
    List<Integer> ports = IntStream.range(config.layout().agentPort(), config.layout().agentPort() + 6).boxed().toList();
    assertThat(ports).allSatisfy(port -> assertThat(Deadline.portFree(port)).as("port %d free", port).isTrue());
    assertThat(config.dataDir().resolve("cluster.json")).doesNotExist();
  }
}
