package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.check.CheckResult;
import toystore.check.ConsistencyChecker;
import toystore.load.ClientError;
import toystore.load.LoadGenerator;
import toystore.load.LoadReport;
import toystore.load.LoadSettings;

/**
 * SIGTERM under load, one service of each kind in turn (the catalog, a follower, the leader, the
 * frontend): each stops by itself (exit status 143, not a SIGKILL after the grace period) without
 * an error in its log, comes back, and at the end the checker finds every acknowledged order
 * committed and readable and the stock conserved.
 */
class GracefulShutdownTest {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  @Test
  void sigtermOnEachKindOfServiceUnderLoadStopsCleanlyAndLosesNothing() throws Exception {
    Supervisor supervisor = cluster.supervisor();
    LoadGenerator load = LoadGenerator.overTheCatalog(new LoadSettings(cluster.cluster().frontendUrl(), 3, 0.8, 0, 7));
    load.start();
    awaitOrders(load, 10);
    List<String> stopped = new ArrayList<>();

    for (String kind : List.of("catalog", "follower", "leader", "frontend")) {
      String name = switch (kind) {
        case "leader" -> supervisor.awaitLeader();
        case "follower" -> supervisor.names().stream()
            .filter(n -> n.startsWith("order-") && !n.equals(supervisor.awaitLeader())).findFirst().orElseThrow();
        default -> kind;
      };
      Path log = supervisor.logFile(name);
      long logBefore = Files.size(log);

      int exit = supervisor.terminate(name);

      String shutdownLog = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) logBefore);
      assertThat(exit).as("%s exit status after SIGTERM; its log:%n%s", name, shutdownLog).isEqualTo(143);
      assertThat(shutdownLog).as(name).doesNotContain(" ERROR ", "error while stopping", "Exception");
      stopped.add(name);
      supervisor.restart(name);
      awaitOrders(load, load.snapshot().ordersAcknowledged() + 5);
    }

    load.stop();
    LoadReport report = load.awaitReport();
    CheckResult check = new ConsistencyChecker(cluster.agent(), cluster.store()).check(report.orders());
    System.out.printf("graceful shutdown: stopped %s under load; %d orders acknowledged, %d client-visible errors %s%n",
        stopped, report.orders().size(), report.clientVisibleErrors(),
        report.errors().stream().map(e -> e.status() + " " + e.message()).distinct().toList());

    assertThat(check.passed()).as(check.render()).isTrue();
    assertThat(report.mismatches()).isEmpty();
    // A client may find the frontend gone while it restarts, or get a 503 to retry, but never a 500.
    assertThat(report.errors()).extracting(ClientError::status).allMatch(status -> status == 0 || status == 503);
  }

  private static void awaitOrders(LoadGenerator load, long count) {
    Deadline.await(Duration.ofSeconds(60), count + " acknowledged orders",
        () -> load.snapshot().ordersAcknowledged() >= count);
  }
}
