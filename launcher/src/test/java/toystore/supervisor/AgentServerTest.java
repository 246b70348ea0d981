package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.json.Json;
import toystore.model.Audit;
import toystore.model.ClusterFile;
import toystore.model.ClusterView;
import toystore.model.ReplicaStatus;
import toystore.model.ServiceInfo;

/** The control plane against a real cluster of child JVMs. */
class AgentServerTest {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  private static JsonHttpClient agentWithToken(String token) {
    return new JsonHttpClient(cluster.http(), cluster.cluster().agentUrl(), token);
  }

  private static ServiceInfo service(String name) throws IOException {
    return cluster.agent().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void healthNeedsNoToken() throws IOException {
    ServiceHealth health = agentWithToken(null).get(List.of("health"), ServiceHealth.class);

    assertThat(health.status()).isEqualTo(toystore.model.State.UP);
  }

  static Stream<Arguments> guardedRoutes() {
    return Stream.of(
        Arguments.of("GET", List.of("cluster")),
        Arguments.of("GET", List.of("audit")),
        Arguments.of("GET", List.of("stock")),
        Arguments.of("POST", List.of("services", "order-1", "kill")),
        Arguments.of("POST", List.of("services", "catalog", "restart")),
        Arguments.of("POST", List.of("chaos", "kill-leader")));
  }

  @ParameterizedTest(name = "{0} /{1}")
  @MethodSource("guardedRoutes")
  void everyOtherRouteRejectsAMissingOrWrongTokenAndChangesNothing(String method, List<String> path)
      throws IOException {
    List<ServiceInfo> before = cluster.agent().services();
    String token = cluster.cluster().adminToken();

    for (String wrong : new String[] {null, "wrong", token + "x", token.substring(1)}) {
      assertThatThrownBy(() -> agentWithToken(wrong).call(method, path, Map.of(), null, Map.of(), Object.class))
          .as("token %s", wrong)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    List<ServiceInfo> after = cluster.agent().services();
    assertThat(after).extracting(ServiceInfo::name, ServiceInfo::pid, ServiceInfo::alive)
        .containsExactlyElementsOf(before.stream()
            .map(s -> org.assertj.core.groups.Tuple.tuple(s.name(), s.pid(), s.alive())).toList());
    assertThat(after).allSatisfy(s -> assertThat(s.alive()).as(s.name()).isTrue());
  }

  @Test
  void clusterListsEveryServiceWithItsProcess() throws IOException {
    List<ServiceInfo> services = cluster.agent().services();
    int base = cluster.config().layout().agentPort();

    assertThat(services).extracting(ServiceInfo::name)
        .containsExactly("catalog", "order-1", "order-2", "order-3", "frontend");
    assertThat(services).extracting(ServiceInfo::kind)
        .containsExactly("catalog", "order", "order", "order", "frontend");
    assertThat(services).extracting(ServiceInfo::id).containsExactly(null, 1, 2, 3, null);
    assertThat(services).extracting(ServiceInfo::url).containsExactly(
        "http://127.0.0.1:" + (base + 2), "http://127.0.0.1:" + (base + 3), "http://127.0.0.1:" + (base + 4),
        "http://127.0.0.1:" + (base + 5), "http://127.0.0.1:" + (base + 1));
    assertThat(services).allSatisfy(s -> {
      assertThat(s.alive()).as(s.name()).isTrue();
      assertThat(ProcessHandle.of(s.pid())).as(s.name()).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    });
  }

  @Test
  void unknownServiceIs404() {
    for (String route : new String[] {"kill", "restart"}) {
      assertThatThrownBy(() -> agentWithToken(cluster.cluster().adminToken())
              .post(List.of("services", "order-9", route), null, Object.class))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void killEndsTheProcessAndRestartBringsItBackHealthy() throws IOException {
    long pid = service("order-1").pid();

    cluster.agent().kill("order-1");

    assertThat(Deadline.gone(pid)).as("pid %d gone when kill returns", pid).isTrue();
    ServiceInfo killed = service("order-1");
    assertThat(killed.alive()).isFalse();
    assertThat(killed.pid()).isNull();
    assertThat(killed.role()).isNull();

    cluster.agent().restart("order-1");

    ServiceInfo restarted = service("order-1");
    assertThat(restarted.alive()).isTrue();
    assertThat(restarted.pid()).isNotEqualTo(pid);
    assertThat(new JsonHttpClient(cluster.http(), restarted.url(), null).<ServiceHealth>get(List.of("health"), ServiceHealth.class))
        .isEqualTo(ServiceHealth.UP);
  }

  @Test
  void killLeaderKillsTheReplicaThatLeads() throws IOException {
    Deadline.await(Duration.ofSeconds(30), "an order leader", () -> cluster.supervisor().leaderName().isPresent());
    String leader = cluster.supervisor().leaderName().orElseThrow();
    long pid = service(leader).pid();

    String killed = cluster.agent().killLeader();

    assertThat(killed).isEqualTo(leader);
    assertThat(Deadline.gone(pid)).isTrue();
    assertThat(service(killed).alive()).isFalse();

    cluster.agent().restart(killed);
    assertThat(service(killed).alive()).isTrue();
  }

  @Test
  void pauseLeaderPausesTheReplicaKillLeaderWouldKill() throws IOException {
    Deadline.await(Duration.ofSeconds(30), "an order leader", () -> cluster.supervisor().leaderName().isPresent());
    String leader = cluster.supervisor().leaderName().orElseThrow();

    String paused = cluster.agent().pauseLeader();

    try {
      assertThat(paused).isEqualTo(leader);
      assertThat(service(paused).paused()).isTrue();
      assertThat(cluster.agent().services()).filteredOn(ServiceInfo::paused).extracting(ServiceInfo::name)
          .containsExactly(leader);
    } finally {
      cluster.agent().resume(paused);
    }
    assertThat(service(paused).paused()).isFalse();
  }

  @Test
  void auditShowsTheLedgerEveryReplicaAndTheCommittedOrders() throws IOException {
    long number = cluster.store().order("Whale", 1, "agent-audit-test");

    Audit report = cluster.agent().audit();

    assertThat(report.catalog()).extracting(Audit.Toy::name).contains("Whale");
    assertThat(report.replicas()).extracting(ReplicaStatus::name).containsExactly("order-1", "order-2", "order-3");
    // The stored key is the replica's own spelling of the client's key (it may carry a prefix).
    assertThat(report.orders()).filteredOn(order -> order.number() == number).singleElement().satisfies(order -> {
      assertThat(order.name()).isEqualTo("Whale");
      assertThat(order.quantity()).isEqualTo(1);
      assertThat(order.key()).contains("agent-audit-test");
    });
    assertThat(report.orders()).extracting(Audit.CommittedOrder::number)
        .containsExactlyElementsOf(Stream.iterate(1L, n -> n + 1).limit(report.orders().size()).toList());
    assertThat(cluster.agent().stock()).isEqualTo(report.catalog());
  }

  @Test
  void tokenFileIsOwnerOnlyAndClusterFileNamesWorkingUrls() throws IOException {
    Path dataDir = cluster.dataDir();
    Path tokenFile = dataDir.resolve("admin.token");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
    assertThat(Files.readString(tokenFile).strip()).isEqualTo(cluster.cluster().adminToken());

    ClusterFile file = Json.read(Files.readString(dataDir.resolve("cluster.json")), ClusterFile.class);
    assertThat(Path.of(file.tokenFile())).isEqualTo(tokenFile.toAbsolutePath());
    assertThat(new JsonHttpClient(cluster.http(), file.frontend(), null).<ServiceHealth>get(List.of("health"), ServiceHealth.class))
        .isEqualTo(ServiceHealth.UP);
    ClusterView view = new JsonHttpClient(cluster.http(), file.agent(), Files.readString(Path.of(file.tokenFile())).strip())
        .get(List.of("cluster"), ClusterView.class);
    assertThat(view.services()).hasSize(5);
  }
}
