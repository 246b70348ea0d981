package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
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
 * docs/SECURITY.md), on one store of real processes: an order entry forged through Ratis's
 * unauthenticated port is no order; a Raft server stopped by something else than
 * its replica is a {@code fault} and orders are 503 until a restart heals it; a replica refuses a
 * data directory of the other engine; a leader whose term the catalog has already seen exceeded
 * (a lab store's catalog) says so in {@code fault}, answers 503 and settles nothing.
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
  @Order(1)
  void anOrderEntryForgedThroughTheRaftPortIsNoOrder() throws Exception {
    int leader = store.awaitLeader(ELECTION);
    long before = store.health(leader).orElseThrow().lastOrder();
    OrderCommand forged = new OrderCommand("Tux", 5, IdempotencyKey.client("guard-forged"), 1);
    OrderCommand guessed = new OrderCommand("Tux", 5, IdempotencyKey.client("guard-guessed"), 1);
    try (RaftClient client = store.raftClient()) {
      for (Message entry : new Message[] {Message.valueOf(ByteString.copyFrom(forged.json())),
          new CommandSeal("a guessed secret").seal(guessed)}) {
        try {
          RaftClientReply reply = client.io().send(entry);
          assertThat(reply.isSuccess()).as("a forged entry is refused: %s", reply).isFalse();
        } catch (IOException e) {
          assertThat(e).as("Ratis passes on the state machine's refusal").hasMessageContaining(OrderStateMachine.UNSIGNED);
        }
      }
    }
    // An order placed after them is numbered next to the last real one on every replica.
    Messages.OrderPlaced real = store.place(new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("guard-real")), ELECTION);
    assertThat(real.number()).isEqualTo(before + 1);
    for (int id = 1; id <= RaftReplicas.REPLICAS; id++) {
      int replica = id;
      Deadline.await(ELECTION, "order-" + id + " applied the real order",
          () -> store.health(replica).filter(h -> h.lastOrder() == real.number()).isPresent());
      assertThat(store.entries(id)).extracting(e -> e.key()).doesNotContain(forged.key(), guessed.key());
    }
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

  @Test
  @Order(3)
  void aReplicaRefusesTheOtherEnginesDataDirectory() throws Exception {
    Path lab = Files.createDirectories(Path.of("target", "raft-guard-test", "lab-" + System.currentTimeMillis()));
    Files.createFile(lab.resolve("order-1.db"));
    assertThat(store.exitOf("raft-on-lab", lab, 1, "raft")).isNotZero();
    assertThat(Files.readString(store.output("raft-on-lab"))).contains("holds order-1.db, the lab engine's order log");

    Path raft = Files.createDirectories(Path.of("target", "raft-guard-test", "raft-" + System.currentTimeMillis()));
    Files.createDirectories(raft.resolve("order-1-raft"));
    assertThat(store.exitOf("lab-on-raft", raft, 1, "lab")).isNotZero();
    assertThat(Files.readString(store.output("lab-on-raft"))).contains("holds order-1-raft, the raft engine's order log");
  }

  /** Last: the catalog's fence is above every term this store will reach. */
  @Test
  @Order(9)
  void aLeaderFencedOutByAHigherEpochSaysSoAndTakesNoOrders() throws Exception {
    int leader = store.awaitLeader(ELECTION);
    long term = store.health(leader).orElseThrow().epoch();
    long labEpoch = term + 100;
    store.catalog().fence(labEpoch);
    store.kill(leader);
    Deadline.await(ELECTION, "a new leader reporting the catalog's higher epoch", () -> store.alive().stream()
        .anyMatch(id -> store.health(id).filter(h -> h.fault() != null && h.fault().contains("above term")).isPresent()));
    int successor = store.alive().stream()
        .filter(id -> store.health(id).filter(h -> h.fault() != null).isPresent()).findFirst().orElseThrow();
    assertThat(store.health(successor).orElseThrow().fault())
        .contains("the catalog has seen epoch " + labEpoch).contains("belongs to another store or engine");
    Messages.PlaceOrder order = new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("guard-fenced-out"));
    assertThatThrownBy(() -> store.client(successor).placeOrder(order))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
  }
}
