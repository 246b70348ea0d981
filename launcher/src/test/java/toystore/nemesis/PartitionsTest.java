package toystore.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.model.Isolation;
import toystore.model.Partition;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.supervisor.Root;

/**
 * Partitions through the agent as real iptables rules on a real cluster: what gets through and what
 * does not (probed with sockets bound to the services' own source addresses), healing one or all,
 * isolate-leader, bad requests, and the chain's life: a stale one is replaced at start, and it is
 * gone after the cluster stops. Needs root; the last test stops the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionsTest {
  private static final Iptables IPTABLES = new Iptables("iptables");

  /** Started once a stale chain is in place. */
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3).startedByTheTest();
  static boolean stopped;

  @BeforeAll
  static void start() throws IOException {
    Root.assume("installing iptables rules");
    leaveAStaleChainBehind();
    cluster.start();
  }

  private static ClusterLayout layout() {
    return cluster.config().layout();
  }

  private static String chain() {
    return layout().firewallChain();
  }

  /** What a run killed with SIGKILL would leave: the chain, a rule that cuts order-1 off, the jump. */
  private static void leaveAStaleChainBehind() {
    new FirewallChain(IPTABLES, chain()).remove();
    IPTABLES.require(List.of("-N", chain()));
    IPTABLES.require(List.of("-A", chain(), "-s", layout().replicaSourceAddress(1), "-d", "127.0.0.1", "-p", "tcp",
        "--dport", Integer.toString(layout().catalogPort()), "-m", "comment", "--comment", "stale", "-j", "DROP"));
    IPTABLES.require(List.of("-A", "OUTPUT", "-o", "lo", "-j", chain()));
  }

  /** Each test starts without partitions, whatever the one before left. */
  @AfterEach
  void healEverything() throws IOException {
    if (!stopped) {
      cluster.agent().healAll();
    }
  }

  private static String source(String service) {
    return switch (service) {
      case "catalog" -> layout().catalogSourceAddress();
      case "frontend" -> layout().frontendSourceAddress();
      default -> layout().replicaSourceAddress(Integer.parseInt(service.substring("order-".length())));
    };
  }

  private static int port(String service) {
    return switch (service) {
      case "catalog" -> layout().catalogPort();
      case "frontend" -> layout().frontendPort();
      default -> layout().replicaPort(Integer.parseInt(service.substring("order-".length())));
    };
  }

  private static boolean connects(String from, String to) throws IOException {
    return Loopback.connects(source(from), port(to));
  }

  private static List<String> chainRules() {
    return IPTABLES.require(List.of("-S", chain())).lines().filter(line -> line.startsWith("-A ")).toList();
  }

  private static List<String> jumps() {
    return IPTABLES.require(List.of("-S", "OUTPUT")).lines().filter(line -> line.endsWith("-j " + chain())).toList();
  }

  private static int status(String method, List<String> path, Object body) {
    JsonHttpClient agent = new JsonHttpClient(cluster.http(), cluster.cluster().agentUrl(), cluster.cluster().adminToken());
    try {
      agent.call(method, path, Map.of(), body, Map.of(), Object.class);
      return 200;
    } catch (ApiException e) {
      return e.status();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Order(1)
  void aStaleChainFromAnEarlierRunIsReplacedByAnEmptyOneAtStart() throws IOException {
    assertThat(chainRules()).isEmpty();
    assertThat(jumps()).containsExactly("-A OUTPUT -o lo -j " + chain());
    assertThat(connects("order-1", "catalog")).isTrue();
  }

  @Test
  @Order(2)
  void servicesConnectToEachOtherFromTheirOwnAddresses() {
    String leader = cluster.supervisor().awaitLeader();
    // The frontend probes every replica and the leader replicates to every follower all the time.
    Deadline.await(Duration.ofSeconds(10), "connections from the services' own addresses", () -> {
      try {
        List<Loopback.Connection> open = Loopback.established();
        return List.of("order-1", "order-2", "order-3").stream().allMatch(replica ->
            open.stream().anyMatch(c -> c.localAddress().equals(source("frontend")) && c.remotePort() == port(replica))
                && (replica.equals(leader) || open.stream().anyMatch(
                    c -> c.localAddress().equals(source(leader)) && c.remotePort() == port(replica))));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void aStopThatComesBeforeTheStartLeavesNoChain() throws IOException {
    String chain = "TOYSTORE-" + (layout().agentPort() + 99);
    Partitions partitions = new Partitions(cluster.supervisor().endpoints(), "iptables", chain);

    partitions.close();

    assertThat(partitions.start()).contains("the store has stopped");
    assertThat(IPTABLES.run(List.of("-S", chain)).ok()).as("chain %s exists", chain).isFalse();
  }

  @Test
  void aPartitionDropsNewConnectionsBothWaysUntilHealed() throws IOException {
    List<List<String>> groups = List.of(List.of("order-3"), List.of("order-1", "order-2", "frontend", "catalog"));

    Partition partition = cluster.agent().partition(groups);

    assertThat(partition.groups()).isEqualTo(groups);
    assertThat(partition.id()).isNotBlank();
    assertThat(cluster.agent().partitions()).containsExactly(partition);
    for (String other : List.of("order-1", "order-2", "frontend", "catalog")) {
      assertThat(connects("order-3", other)).as("order-3 -> %s", other).isFalse();
      assertThat(connects(other, "order-3")).as("%s -> order-3", other).isFalse();
    }
    assertThat(Loopback.connects("127.0.0.1", port("order-1"))).as("from 127.0.0.1").isTrue();
    assertThat(Loopback.connects("127.0.0.1", port("order-3"))).as("from 127.0.0.1").isTrue();
    assertThat(connects("order-1", "order-2")).as("within a group").isTrue();
    assertThat(chainRules()).hasSize(2 * 4).allMatch(rule -> rule.contains("--comment " + partition.id()));

    cluster.agent().heal(partition.id());

    assertThat(connects("order-3", "order-1")).isTrue();
    assertThat(connects("order-1", "order-3")).isTrue();
    assertThat(cluster.agent().partitions()).isEmpty();
    assertThat(chainRules()).isEmpty();
  }

  @Test
  void anEstablishedConnectionIsCutAndResumesAfterTheHeal() throws IOException {
    try (Socket connection = new Socket()) {
      connection.bind(new InetSocketAddress(source("order-3"), 0));
      connection.connect(new InetSocketAddress("127.0.0.1", port("order-1")), Loopback.CONNECT_WAIT_MS);
      Partition partition = cluster.agent().partition(List.of(List.of("order-3"), List.of("order-1")));

      connection.getOutputStream().write(
          "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      connection.setSoTimeout(Loopback.CONNECT_WAIT_MS);
      InputStream in = connection.getInputStream();
      assertThatThrownBy(in::read).as("a reply through the partition").isInstanceOf(SocketTimeoutException.class);

      cluster.agent().heal(partition.id());

      // TCP retransmits the request by itself once its packets pass again.
      connection.setSoTimeout(30_000);
      byte[] reply = new byte[12];
      int read = in.readNBytes(reply, 0, reply.length);
      assertThat(new String(reply, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  void aServiceInNoGroupKeepsTalkingToEveryone() throws IOException {
    cluster.agent().partition(List.of(List.of("order-3"), List.of("order-1")));

    assertThat(connects("order-3", "order-1")).isFalse();
    assertThat(connects("order-1", "order-3")).isFalse();
    for (String outsider : List.of("order-2", "frontend", "catalog")) {
      assertThat(connects(outsider, "order-3")).as("%s -> order-3", outsider).isTrue();
      assertThat(connects(outsider, "order-1")).as("%s -> order-1", outsider).isTrue();
      assertThat(connects("order-3", outsider)).as("order-3 -> %s", outsider).isTrue();
    }
  }

  @Test
  void healingOnePartitionLeavesTheOthersAndHealAllEndsThem() throws IOException {
    Partition first = cluster.agent().partition(List.of(List.of("order-1"), List.of("order-2")));
    Partition second = cluster.agent().partition(List.of(List.of("order-3"), List.of("catalog")));
    Partition overlapping = cluster.agent().partition(List.of(List.of("order-1"), List.of("order-2", "frontend")));
    assertThat(List.of(first.id(), second.id(), overlapping.id())).doesNotHaveDuplicates();

    cluster.agent().heal(first.id());

    assertThat(cluster.agent().partitions()).containsExactly(second, overlapping);
    assertThat(connects("order-1", "order-2")).as("still cut by the overlapping partition").isFalse();
    assertThat(connects("order-3", "catalog")).isFalse();

    cluster.agent().healAll();

    assertThat(cluster.agent().partitions()).isEmpty();
    assertThat(chainRules()).isEmpty();
    assertThat(connects("order-1", "order-2")).isTrue();
    assertThat(connects("order-3", "catalog")).isTrue();
    assertThat(status("DELETE", List.of("partitions", first.id()), null)).as("a healed partition").isEqualTo(404);
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    assertThat(status("POST", List.of("partitions"), Map.of("groups", List.of(List.of("order-9"), List.of("order-1")))))
        .as("unknown service").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), Map.of("groups", List.of(List.of("order-1", "order-2")))))
        .as("one group").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), Map.of("groups", List.of(List.of("order-1"), List.of()))))
        .as("one non-empty group").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), Map.of("groups", List.of(List.of("order-1"), List.of("order-1", "order-2")))))
        .as("a service in two groups").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), Map.of())).as("no groups").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), "{\"groups\": [[1], [2]]}")).as("not names").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), "{\"groups\": [[null], [\"order-1\"]]}")).as("null").isEqualTo(400);
    assertThat(status("POST", List.of("partitions"), "{\"groups\": [null, [\"order-1\"]]}")).as("null").isEqualTo(400);
    assertThat(status("DELETE", List.of("partitions", "p999"), null)).as("unknown id").isEqualTo(404);
    assertThat(status("PUT", List.of("partitions"), null)).as("wrong method").isEqualTo(405);

    assertThat(chainRules()).isEmpty();
    assertThat(cluster.cluster().partitions().list()).isEmpty();
  }

  @Test
  void isolateLeaderCutsTheLeaderOffFromEveryOtherService() throws IOException {
    String leader = cluster.supervisor().awaitLeader();

    Isolation isolation = cluster.agent().isolateLeader();

    assertThat(isolation.isolated()).isEqualTo(leader);
    assertThat(cluster.agent().partitions()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(isolation.id());
      assertThat(p.groups().get(0)).containsExactly(leader);
      assertThat(p.groups().get(1)).containsExactlyInAnyOrderElementsOf(
          cluster.supervisor().names().stream().filter(name -> !name.equals(leader)).toList());
    });
    for (String other : cluster.supervisor().names().stream().filter(name -> !name.equals(leader)).toList()) {
      assertThat(connects(leader, other)).as("%s -> %s", leader, other).isFalse();
      assertThat(connects(other, leader)).as("%s -> %s", other, leader).isFalse();
    }

    cluster.agent().heal(isolation.id());

    assertThat(connects(leader, "catalog")).isTrue();
  }

  @Test
  @Order(Integer.MAX_VALUE - 1)
  void isolateLeaderWithoutALeaderIs503AndChangesNothing() throws IOException {
    List<String> replicas = cluster.supervisor().names().stream().filter(name -> name.startsWith("order-")).toList();
    replicas.forEach(cluster.supervisor()::kill);
    try {
      assertThat(status("POST", List.of("chaos", "isolate-leader"), null)).isEqualTo(503);
      assertThat(cluster.agent().partitions()).isEmpty();
      assertThat(chainRules()).isEmpty();
    } finally {
      for (String replica : replicas) {
        cluster.supervisor().restart(replica);
      }
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void stoppingTheClusterRemovesTheChainAndEveryRuleInIt() throws IOException {
    cluster.agent().partition(List.of(List.of("order-3"), List.of("order-1")));
    assertThat(chainRules()).isNotEmpty();

    cluster.close();
    stopped = true;

    assertThat(IPTABLES.run(List.of("-S", chain())).ok()).as("chain %s exists", chain()).isFalse();
    assertThat(jumps()).isEmpty();
    try (ServerSocket standIn = new ServerSocket()) {
      standIn.bind(new InetSocketAddress("127.0.0.1", port("order-1")));
      assertThat(connects("order-3", "order-1")).as("order-3 -> order-1's port after the stop").isTrue();
    }
  }
}
