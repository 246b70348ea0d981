package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster that cannot start says why and leaves nothing running. */
class ClusterStartFailureTest {
  private static final int PORT_BASE = 21300;

  @TempDir
  Path tempDir;

  @Test
  void aTakenPortStopsTheStartAndEveryChildAlreadyLaunched() throws Exception {
    Cluster.Config config = Cluster.Config.forTest(PORT_BASE, 3, tempDir.resolve("data"));
    int frontendPort = config.layout().frontendPort();

    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(ClusterLayout.HOST, frontendPort));

      assertThatThrownBy(() -> Cluster.start(config, line -> {}))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("port " + frontendPort + " for frontend is already in use");
    }

    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
        .as("children of the test JVM").isEmpty();
    List<Integer> ports = IntStream.range(PORT_BASE, PORT_BASE + 6).boxed().toList();
    assertThat(ports).allSatisfy(port -> assertThat(Deadline.portFree(port)).as("port %d free", port).isTrue());
    assertThat(tempDir.resolve("data/cluster.json")).doesNotExist();
  }
}
