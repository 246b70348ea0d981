package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ApiException;
import toystore.client.StoreClient;
import toystore.config.Replication;
import toystore.json.Json;
import toystore.model.ClusterFile;
import toystore.model.Product;
import toystore.model.ReplicaHealth;
import toystore.model.StoreStatus;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.supervisor.Root;

/**
 * A store on the Raft engine as {@code up --replication raft --frontends 2} runs it (docs/API.md §5):
 * two frontends that only follow Raft's leader, and the leader cut off from its followers by the
 * cgroup rules on the Raft ports (root only). A kill -9 of the leader under load is
 * {@link CrashRaftTest}'s (about ten of them) and {@link FailoverRaftTest}'s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftClusterTest {
  @RegisterExtension static final ClusterTestSupport cluster =
      ClusterTestSupport.withReplicas(3).replication(Replication.RAFT).frontends(2).restockingFast();

  @AfterEach
  void whole() throws IOException {
    for (String name : List.of("order-1", "order-2", "order-3")) {
      if (cluster.supervisor().info(name).pid() == null) {
        cluster.agent().restart(name);
      }
    }
    if (Root.uid() == 0) {
      cluster.agent().healAll();
    }
    cluster.awaitConvergence();
  }

  @Test
  @Order(1)
  void anOrderThroughOneFrontendIsReadableThroughTheOtherWhoseCacheShowsTheNewStock() throws Exception {
    StoreClient first = cluster.store(0);
    StoreClient second = cluster.store(1);
    Product before = second.product("Whale"); // now in the second frontend's cache

    long number = first.order("Whale", 3, "two-frontends");

    assertThat(second.lookup(number).name()).isEqualTo("Whale");
    assertThat(second.lookup(number).quantity()).isEqualTo(3);
    Deadline.await(Duration.ofSeconds(5), "the second frontend's cache to show the new stock", () -> {
      try {
        return second.product("Whale").quantity() == before.quantity() - 3;
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    StoreStatus status = second.status();
    assertThat(status.replication()).isEqualTo(Replication.RAFT);
    assertThat(status.leadership()).contains("Raft");
    assertThat(status.cache().keys()).contains("Whale");
    assertThat(status.leader()).isEqualTo(first.status().leader());
    ClusterFile file = Json.read(Files.readString(cluster.cluster().clusterFile()), ClusterFile.class);
    assertThat(file.replication()).isEqualTo(Replication.RAFT);
    assertThat(file.frontends()).containsExactly(first.url(), second.url());
    assertThat(file.frontend()).isEqualTo(first.url());
    assertThat(cluster.agent().services()).extracting(s -> s.name()).contains("frontend", "frontend-2");
  }

  @Test
  @Order(2)
  void theLeaderCutOffFromItsFollowersIsReplacedOnTheMajoritySideAndTheHealConverges() throws Exception {
    Root.assume("iptables rules and cgroups");
    try {
      cluster.agent().partitions();
    } catch (ApiException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(e.status() != 501, "partitions unavailable: " + e.getMessage());
      throw e;
    }
    ReplicaHealth old = cluster.awaitLeader();
    List<String> followers = cluster.cluster().layout().replicaIds().stream()
        .filter(id -> id != old.id()).map(id -> "order-" + id).toList();
    FaultLoad load = FaultLoad.start(cluster, 4, 32);
    load.awaitMoreOrders(20);

    cluster.agent().partition(List.of(List.of("order-" + old.id()), followers));
    Deadline.await(Duration.ofSeconds(15), "a new Raft leader among the followers", () -> {
      ReplicaHealth now = cluster.awaitLeader();
      return now.id() != old.id() && now.epoch() > old.epoch();
    });
    load.awaitMoreOrders(20);
    cluster.agent().healAll();
    load.stopAndVerify("the Raft leader order-" + old.id() + " cut off from its followers");
  }
}
