package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import toystore.client.ApiException;
import toystore.model.IdempotencyKey;
import toystore.model.State;
import toystore.supervisor.Deadline;
import toystore.wire.order.Messages;

/**
 * What needs an operator in raft mode, and what the Raft port lets in (docs/DESIGN.md "Raft engine",
 * docs/SECURITY.md), on one store of real processes: a Raft server stopped by something else than
 * its replica is a {@code fault} and orders are 503 until a restart heals it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftGuardTest {
  /** JVM starts and elections on a machine loaded by other builds. */
  private static final Duration ELECTION = Duration.ofSeconds(45);

  private RaftReplicas store;

  @BeforeAll
  void start() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "raft-guard-test", Long.toString(System.currentTimeMillis())));
    store = new RaftReplicas(dir);
    store.startAll();
    store.awaitLeader(ELECTION);
  }

  @AfterAll
  void stop() throws IOException {
    store.close();
  }

  @Test
  @Order(2)
  void aRaftServerStoppedBehindItsReplicasBackIsAFaultUntilARestart() throws Exception {
    int leader = store.awaitLeader(ELECTION);
    int follower = leader % RaftReplicas.REPLICAS + 1;
    // Removing the group is what Ratis's own close (after a long JVM pause) does to the division.
    try (RaftClient client = store.raftClient()) {
      RaftClientReply reply = client.getGroupManagementApi(RaftPeers.peerId(follower)).remove(RaftPeers.GROUP, false, false);
      assertThat(reply.isSuccess()).as("group removed from order-%d: %s", follower, reply).isTrue();
    }
    Deadline.await(ELECTION, "order-" + follower + " reporting a fault",
        () -> store.health(follower).filter(h -> h.fault() != null).isPresent());
    assertThat(store.health(follower).orElseThrow().fault()).contains("Raft server stopped");
    Messages.PlaceOrder order = new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("guard-stopped"));
    assertThatThrownBy(() -> store.client(follower).placeOrder(order))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));

    store.kill(follower);
    store.startReplica(follower);
    Deadline.await(ELECTION, "order-" + follower + " back as a follower without a fault", () -> store.health(follower)
        .filter(h -> h.fault() == null && h.state() == State.UP && h.role() != null).isPresent());
    store.place(order, ELECTION);
  }
}
