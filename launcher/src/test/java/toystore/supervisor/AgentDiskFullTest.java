package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.AgentClient;
import toystore.client.ApiException;
import toystore.client.StoreClient;
import toystore.model.DiskState;
import toystore.model.ReplicaHealth;
import toystore.model.ServiceInfo;

/**
 * The agent's disk-full fault (docs/API.md §4): on a replica whose data directory is a tmpfs of its
 * own it fills the disk until the replica reports its write fault, and freeing it lets the replica
 * write again; on a directory that shares a disk it answers 501 and writes nothing. The first test
 * needs root (it mounts the tmpfs); the second runs as anyone.
 */
class AgentDiskFullTest {
  private static final long DISK_BYTES = 4L << 20;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Started by the test, once order-1's data directory is a tmpfs (or not at all for the 501 case). */
  @RegisterExtension
  final ClusterTestSupport fixture = ClusterTestSupport.withReplicas(3).restockingFast().perTest().startedByTheTest();

  @Test
  void diskFullMakesTheReplicaReportItsFaultAndFreeingItRecoversIt() throws Exception {
    try (Tmpfs disk = Tmpfs.mount(fixture.dataDir().resolve("order-1"), DISK_BYTES)) {
      try (ClusterTestSupport cluster = fixture.start()) {
        AgentClient agent = cluster.agent();
        StoreClient store = cluster.store();
        assertThat(service(agent, "order-1").disk()).isEqualTo(DiskState.FREE);
        assertThat(service(agent, "order-2").disk()).isEqualTo(DiskState.UNSUPPORTED);
        assertThat(service(agent, "catalog").disk()).isNull();

        assertThat(agent.diskFull("order-1").disk()).isEqualTo(DiskState.FULL);
        assertThat(service(agent, "order-1").disk()).isEqualTo(DiskState.FULL);
        // A follower writes when entries reach it: order until one does not fit (SQLite may first reuse its WAL's pages).
        orderUntil(store, "replica 1 to report its disk fault", () -> answers(cluster, true));

        assertThat(agent.freeDisk("order-1").disk()).isEqualTo(DiskState.FREE);
        orderUntil(store, "replica 1 to write again", () -> answers(cluster, false));
        cluster.awaitConvergence();
      }
    }
  }

  @Test
  void aDataDirectoryThatSharesItsDiskIsNeverFilled() throws Exception {
    try (ClusterTestSupport cluster = fixture.start()) {
      AgentClient agent = cluster.agent();
      assertThat(service(agent, "order-2").disk()).isEqualTo(DiskState.UNSUPPORTED);

      assertThatThrownBy(() -> agent.diskFull("order-2")).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(501);
        assertThat(e.getMessage()).contains("is not a filesystem of its own");
      });
      assertThatThrownBy(() -> agent.freeDisk("order-2"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(501));
      assertThatThrownBy(() -> agent.diskFull("catalog"))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThat(fixture.dataDir().resolve("order-2").resolve(".toystore-disk-full-ballast")).doesNotExist();
      assertThat(service(agent, "order-2").disk()).isEqualTo(DiskState.UNSUPPORTED);
    }
  }

  /** Whether replica 1 answers {@code /health} with a fault ({@code faulty}) or without one; silence is neither. */
  private static boolean answers(ClusterTestSupport cluster, boolean faulty) {
    ReplicaHealth health = cluster.replica(1);
    return health != null && (health.fault() != null) == faulty;
  }

  private interface Check {
    boolean holds() throws IOException;
  }

  /** Places one order at a time until {@code done} holds, within {@link #WAIT}. */
  private static void orderUntil(StoreClient store, String what, Check done) {
    Deadline.await(WAIT, what, () -> {
      try {
        store.order("Tux", 1, null);
        return done.holds();
      } catch (IOException e) {
        throw new IllegalStateException("an order failed while waiting for " + what + ": " + e.getMessage(), e);
      }
    });
  }

  private static ServiceInfo service(AgentClient agent, String name) throws IOException {
    return agent.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }
}
