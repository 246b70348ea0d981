package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.model.IdempotencyKey;
import toystore.model.Order;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * The lab protocol's own windows, opened on purpose with real processes and {@code kill -9} (or
 * SIGSTOP for a leader that is deposed while frozen): the highest id leads, and a deposed epoch's
 * appends are refused. Lab only: Raft elects by log and term, and its peers talk Ratis, not these
 * routes. The windows both engines share are {@link FailoverSuite}'s.
 */
class ReplicationWindowsTest {
  private static final String SECRET = "replication-windows-test-secret";

  @RegisterExtension
  final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3).perTest().withSecrets("admin-token", SECRET);

  @Test
  void failoverGoesToTheNextHighestIdAndTheRestartedLeaderCatchesUp() throws Exception {
    Deadline.await(Duration.ofSeconds(10), "the highest id to lead", () -> Objects.equals(statusLeader(), 3));
    long first = cluster.store().order("Tux", 1, null);

    cluster.agent().kill("order-3");
    long second = cluster.store().order("Tux", 2, null);

    assertThat(second).isEqualTo(first + 1);
    assertThat(statusLeader()).isEqualTo(2);
    cluster.agent().restart("order-3");
    cluster.awaitConvergence();
    assertThat(cluster.store().status().leader()).as("leadership is stable").isEqualTo(2);
    assertThat(health(3).lastOrder()).isEqualTo(second);
  }

  @Test
  void aDeposedLeaderCannotCommitAndItsStaleReplicationIsRefused() throws Exception {
    long before = cluster.store().order("Lego", 1, null);
    long frozen = cluster.supervisor().info("order-3").pid();
    signal("STOP", frozen);
    try {
      Deadline.await(Duration.ofSeconds(15), "a new leader while order-3 is frozen",
          () -> Objects.equals(statusLeader(), 2));
      long during = cluster.store().order("Lego", 2, null);
      assertThat(during).isEqualTo(before + 1);
    } finally {
      signal("CONT", frozen);
    }
    // The old leader wakes up still believing it leads; its heartbeats carry the old epoch.
    Deadline.await(Duration.ofSeconds(15), "order-3 to follow the new leader",
        () -> cluster.replica(3) != null && cluster.replica(3).role() == toystore.model.Role.FOLLOWER);
    cluster.awaitConvergence();
    assertThat(cluster.store().lookup(before + 1)).isEqualTo(new Order(before + 1, "Lego", 2));

    ReplicaHealth follower = health(1);
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
    ReplicaClient replica1 = new ReplicaClient(http, new ReplicaAddress(1, cluster.cluster().layout().replicaUrl(1)),
        SECRET);
    Messages.Appended reply = replica1.append(new Messages.Append(follower.epoch() - 1, 3, follower.lastOrder() + 1,
        List.of(new Entry(follower.lastOrder() + 1, "Whale", 9, IdempotencyKey.client("forged"), follower.epoch() - 1)),
        follower.lastOrder() + 1, 0));
    assertThat(reply.ok()).isFalse();
    assertThat(reply.epoch()).isEqualTo(follower.epoch());
    assertThat(health(1).digest()).isEqualTo(follower.digest());
    assertThat(health(1).lastOrder()).isEqualTo(follower.lastOrder());
  }

  // ---------------------------------------------------------------- helpers

  private Integer statusLeader() {
    try {
      return cluster.store().status().leader();
    } catch (IOException e) {
      return null;
    }
  }

  private ReplicaHealth health(int id) throws IOException {
    ReplicaHealth h = cluster.replica(id);
    if (h == null) {
      throw new IOException("replica " + id + " does not answer");
    }
    return h;
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
