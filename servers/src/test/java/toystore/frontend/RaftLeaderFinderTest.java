package toystore.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.frontend.election.Health;
import toystore.http.HttpError;
import toystore.http.JsonServer;
import toystore.model.IdempotencyKey;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.model.State;
import toystore.wire.order.Messages;

/** The raft-mode frontend against fake replicas that answer /health and /internal/orders as Ratis peers would. */
class RaftLeaderFinderTest {
  private static final String SECRET = "raft-finder-secret";
  private static final int BASE = 29020;

  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(500), Duration.ofSeconds(3));
  private final List<FakeReplica> replicas = new ArrayList<>();

  /** A replica whose role and term the test sets; it takes orders only while it leads, and records their keys. */
  private static final class FakeReplica implements AutoCloseable {
    final int id;
    volatile Role role;
    volatile long term;
    final List<IdempotencyKey> keys = new CopyOnWriteArrayList<>();
    private final JsonServer server;

    FakeReplica(int id, Role role, long term) {
      this.id = id;
      this.role = role;
      this.term = term;
      server = new JsonServer("fake-" + id, "127.0.0.1", BASE + id, 16, JsonServer.Guard.internalRoutes(SECRET),
          JsonServer.Admission.unlimited(), new PrometheusRegistry())
          .get("/health", (req, res) -> new ReplicaHealth(State.UP, id, this.role, State.UP, keys.size(), "d",
              this.term, null, true, null))
          .post("/internal/orders", (req, res) -> {
            Messages.PlaceOrder order = JsonServer.body(req, Messages.PlaceOrder.class);
            if (this.role != Role.LEADER) {
              throw new HttpError(421, "not the leader");
            }
            keys.add(order.key());
            return new Messages.OrderPlaced(keys.size(), order.name(), order.quantity(), null);
          })
          .start();
    }

    @Override
    public void close() {
      server.stop();
    }
  }

  private List<ReplicaAddress> start(FakeReplica... fakes) {
    replicas.addAll(List.of(fakes));
    return replicas.stream().map(r -> new ReplicaAddress(r.id, "http://127.0.0.1:" + (BASE + r.id))).toList();
  }

  @AfterEach
  void stop() {
    replicas.forEach(FakeReplica::close);
  }

  @Test
  void theLeaderIsTheOneSayingLeaderWithTheHighestTermNotTheHighestId() {
    List<Health> answered = List.of(new Health(3, Role.LEADER, true, 4, true, false),
        new Health(1, Role.LEADER, true, 7, true, false), new Health(2, Role.FOLLOWER, true, 7, true, false));

    assertThat(RaftLeaderFinder.choose(answered)).map(Health::id).contains(1);
    assertThat(RaftLeaderFinder.choose(List.of(new Health(3, Role.FOLLOWER, true, 4, true, false)))).isEmpty();
  }

  @Test
  void ordersGoToRaftsLeaderAndFollowItWithTheSameKeyWhenItMoves() throws Exception {
    FakeReplica one = new FakeReplica(1, Role.FOLLOWER, 5);
    FakeReplica two = new FakeReplica(2, Role.LEADER, 5);
    FakeReplica three = new FakeReplica(3, Role.LEADER, 4); // deposed, has not noticed yet
    try (RaftLeaderFinder finder = new RaftLeaderFinder(start(one, two, three), http, SECRET)) {
      finder.start();
      OrderForwarder forwarder = new OrderForwarder(finder, Duration.ofSeconds(3));

      forwarder.place(new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("first")));

      assertThat(two.keys).containsExactly(IdempotencyKey.client("first"));
      assertThat(finder.leaderId()).isEqualTo(2);
      assertThat(finder.leadership()).contains("Raft");

      // Raft moves the leadership to replica 1: replica 2 answers NotLeader until the frontend follows.
      two.role = Role.FOLLOWER;
      two.term = 6;
      one.role = Role.LEADER;
      one.term = 6;
      forwarder.place(new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("second")));

      assertThat(one.keys).containsExactly(IdempotencyKey.client("second"));
      assertThat(three.keys).isEmpty();
      assertThat(finder.leaderId()).isEqualTo(1);
    }
  }

  @Test
  void withNoLeaderTheOrderEndsIn503AfterTheDeadline() {
    FakeReplica one = new FakeReplica(1, Role.FOLLOWER, 2);
    try (RaftLeaderFinder finder = new RaftLeaderFinder(start(one), http, SECRET)) {
      finder.start();
      OrderForwarder forwarder = new OrderForwarder(finder, Duration.ofMillis(300));

      assertThatThrownBy(() -> forwarder.place(new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("k"))))
          .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(503))
          .hasMessageContaining("Raft leader");
      assertThat(finder.statuses()).singleElement().satisfies(s -> assertThat(s.role()).isEqualTo(Role.FOLLOWER));
      assertThat(finder.leaderId()).isNull();
    }
  }
}
