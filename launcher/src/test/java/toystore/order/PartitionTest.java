package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ApiException;
import toystore.model.Isolation;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterTestSupport;

/**
 * docs/API.md §3.9 with real packet drops (iptables rules on the services' own loopback addresses):
 * while a majority of replicas reach each other and the frontend reaches them, orders succeed with
 * no client-visible error; after the heal every replica converges. Needs root; skipped without.
 */
class PartitionTest {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3).restockingFast();

  @BeforeAll
  static void start() throws IOException {
    try {
      cluster.agent().partitions();
    } catch (ApiException e) {
      Assumptions.assumeTrue(e.status() != 501, "partitions need root and iptables: " + e.getMessage());
      throw e;
    }
  }

  @AfterEach
  void heal() throws IOException {
    cluster.agent().healAll();
    cluster.awaitConvergence();
  }

  @Test
  void aLeaderCutOffFromBothFollowersIsReplacedWhileTheFrontendStillReachesIt() throws Exception {
    // The agent's cut-leader-off: the partition [[leader], [the other replicas]].
    ReplicaHealth old = cluster.awaitLeader();
    FaultLoad load = FaultLoad.start(cluster, 4, 20);
    load.awaitMoreOrders(20);
    Isolation cut = cluster.agent().cutLeaderOff();
    assertThat(cut.isolated()).isEqualTo("order-" + old.id());
    assertThat(cluster.agent().partitions()).singleElement()
        .satisfies(p -> assertThat(p.groups()).containsExactly(List.of("order-" + old.id()), followers(old)));
    FaultLoad.hold(Duration.ofSeconds(4));
    ReplicaHealth successor = cluster.awaitLeader();
    cluster.agent().healAll();
    load.awaitMoreOrders(20);
    load.stopAndVerify("leader order-" + old.id() + " cut off from both followers");

    assertThat(successor.id()).isNotEqualTo(old.id());
    assertThat(successor.epoch()).isGreaterThan(old.epoch());
  }

  @Test
  void aFollowerCutOffFromEveryoneDoesNotMoveLeadership() throws Exception {
    ReplicaHealth leader = cluster.awaitLeader();
    String follower = followers(leader).get(0);
    FaultLoad load = FaultLoad.start(cluster, 2, 21);
    cluster.agent().partition(List.of(List.of(follower), others(follower)));
    FaultLoad.hold(Duration.ofSeconds(3));
    ReplicaHealth during = cluster.awaitLeader();
    cluster.agent().healAll();
    load.stopAndVerify(follower + " cut off from everyone");

    assertThat(during.id()).isEqualTo(leader.id());
    assertThat(during.epoch()).isEqualTo(leader.epoch());
  }

  @Test
  void theFrontendCutOffFromTheLeaderOnlyMovesLeadershipToAReplicaItReaches() throws Exception {
    ReplicaHealth old = cluster.awaitLeader();
    FaultLoad load = FaultLoad.start(cluster, 4, 22);
    load.awaitMoreOrders(20);
    cluster.agent().partition(List.of(List.of("frontend"), List.of("order-" + old.id())));
    FaultLoad.hold(Duration.ofSeconds(3));
    ReplicaHealth successor = cluster.awaitLeader();
    cluster.agent().healAll();
    load.stopAndVerify("frontend cut off from leader order-" + old.id());

    assertThat(successor.id()).isNotEqualTo(old.id());
  }

  @Test
  void isolateLeaderCutsTheLeaderOffFromEveryServiceAndTheStoreMovesOn() throws Exception {
    ReplicaHealth old = cluster.awaitLeader();
    FaultLoad load = FaultLoad.start(cluster, 4, 23);
    load.awaitMoreOrders(20);
    Isolation isolation = cluster.agent().isolateLeader();
    FaultLoad.hold(Duration.ofSeconds(3));
    ReplicaHealth successor = cluster.awaitLeader();
    assertThat(cluster.agent().partitions()).extracting(p -> p.id()).contains(isolation.id());
    cluster.agent().heal(isolation.id());
    load.stopAndVerify("leader " + isolation.isolated() + " isolated");

    assertThat(isolation.isolated()).isEqualTo("order-" + old.id());
    assertThat(successor.id()).isNotEqualTo(old.id());
    assertThat(cluster.agent().partitions()).isEmpty();
  }

  private static List<String> followers(ReplicaHealth leader) {
    return cluster.cluster().layout().replicaIds().stream()
        .filter(id -> id != leader.id()).map(id -> "order-" + id).toList();
  }

  private static List<String> others(String service) throws IOException {
    return cluster.agent().services().stream().map(s -> s.name()).filter(n -> !n.equals(service)).toList();
  }
}
