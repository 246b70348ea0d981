package toystore.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.wire.order.ProtocolMessage;
import toystore.wire.order.ViewChangeReport;
import toystore.wire.order.ViewChangeReport.Kind;

/**
 * The lab protocol's activity with real processes (docs/DESIGN.md "Protocol activity"): the
 * message counters on {@code /metrics} grow with heartbeats while the store is idle and with
 * appends once an order is placed, and after the leader is killed the new leader reports the view
 * change it led, every step of it, on its own route and through the agent.
 */
class ProtocolActivityTest {
  private static final String SECRET = "protocol-activity-test-secret";
  private static final String MESSAGES = ProtocolMessage.METRIC;
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3).withSecrets("admin-token", SECRET);

  @Test
  void messagesAreCountedByKindAndANewLeaderReportsItsViewChangeStepByStep() throws Exception {
    ReplicaHealth leader = cluster.awaitLeader();
    int follower = leader.id() == 1 ? 2 : 1;

    double heartbeatsSent = messages(leader.id(), "heartbeat", "sent");
    double heartbeatsReceived = messages(follower, "heartbeat", "received");
    Deadline.await(WAIT, "heartbeats while idle", () ->
        messages(leader.id(), "heartbeat", "sent") > heartbeatsSent
            && messages(follower, "heartbeat", "received") > heartbeatsReceived);

    double appendsSent = messages(leader.id(), "append", "sent");
    cluster.store().order("Tux", 1, null);
    // Acknowledged: the order reached a majority, so at least one append with entries left the leader.
    assertThat(messages(leader.id(), "append", "sent")).isGreaterThan(appendsSent);
    Deadline.await(WAIT, "the follower to receive the append", () -> messages(follower, "append", "received") > 0);

    long killedAt = System.currentTimeMillis();
    cluster.agent().kill("order-" + leader.id());
    ReplicaHealth next = cluster.awaitLeader();

    assertThat(messages(next.id(), "lead", "received")).isPositive();
    assertThat(messages(next.id(), "join", "sent")).isPositive();
    List<ViewChangeReport> viaAgent = cluster.agent().viewChanges("order-" + next.id());
    ReplicaClient direct = new ReplicaClient(cluster.http(),
        new ReplicaAddress(next.id(), cluster.cluster().layout().replicaUrl(next.id())), SECRET);
    assertThat(direct.viewChanges()).isEqualTo(viaAgent);
    ViewChangeReport led = viaAgent.stream().filter(vc -> vc.epoch() == next.epoch()).findFirst().orElseThrow(
        () -> new AssertionError("no view change of epoch " + next.epoch() + " in " + viaAgent));
    assertThat(led.leader()).isEqualTo(next.id());
    assertThat(led.failure()).isNull();
    assertThat(led.startedAtMillis()).isBetween(killedAt, System.currentTimeMillis());
    assertThat(led.steps()).extracting(ViewChangeReport.Step::kind)
        .containsExactly(Kind.NEW_EPOCH, Kind.JOINED, Kind.FETCHED, Kind.ADOPTED, Kind.MARKED, Kind.COMMITTED);
    assertThat(led.steps()).allSatisfy(step -> assertThat(step.tookMillis()).isNotNegative());
  }

  private static double messages(int replica, String kind, String direction) {
    Request request = new Request.Builder().url(cluster.cluster().layout().replicaUrl(replica) + "/metrics").build();
    try (Response response = cluster.http().newCall(request).execute(); ResponseBody body = response.body()) {
      assertThat(response.code()).isEqualTo(200);
      return Exposition.parse(body.string()).count(MESSAGES, "kind", kind, "direction", direction);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
