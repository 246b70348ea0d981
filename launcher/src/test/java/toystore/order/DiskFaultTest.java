package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.load.LoadReport;
import toystore.model.ReplicaHealth;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.supervisor.Tmpfs;

/**
 * docs/API.md §3.10 with a real full disk: order replicas whose data directories are small tmpfs
 * mounts, filled under load until SQLite's writes fail, then freed. The replica never counts an
 * entry it could not store, says so in {@code /health} (and the frontend in {@code /status}), and recovers by catch-up. Root only.
 */
class DiskFaultTest {
  private static final long DISK_BYTES = 4L << 20;

  /** Started by the test, once two replicas' data directories are tmpfs mounts. */
  @RegisterExtension
  final ClusterTestSupport fixture = ClusterTestSupport.withReplicas(3).restockingFast().perTest().startedByTheTest();

  @Test
  void replicasWhoseDiskFillsUnderLoadAreNeverCountedAndCatchUpOnceItIsFree() throws Exception {
    Path data = fixture.dataDir();
    try (Tmpfs followerDisk = Tmpfs.mount(data.resolve("order-1"), DISK_BYTES);
        Tmpfs leaderDisk = Tmpfs.mount(data.resolve("order-3"), DISK_BYTES)) {
      try (ClusterTestSupport cluster = fixture.start()) {
        assertThat(cluster.awaitLeader().id()).isEqualTo(3);

        FaultLoad load = FaultLoad.start(cluster, 2, 30);
        followerDisk.fill();
        ReplicaHealth faulty = awaitFault(cluster, 1);
        long heldWhenFull = faulty.lastOrder();
        // The frontend's /status passes it on, so dashboards see it (docs/API.md GET /status).
        Deadline.await(Duration.ofSeconds(10), "the frontend's /status to report replica 1's fault",
            () -> statusReportsFault(cluster, 1));
        // The other two hold a majority: orders go on, and none of them depends on replica 1.
        Deadline.await(Duration.ofSeconds(20), "orders committed past what the full replica holds",
            () -> cluster.awaitLeader().lastOrder() > heldWhenFull + 20);
        assertThat(cluster.replica(1).lastOrder()).isLessThanOrEqualTo(cluster.awaitLeader().lastOrder());
        followerDisk.free();
        awaitNoFault(cluster, 1);
        LoadReport first = load.stopAndVerify("replica 1's disk full, then freed");
        assertThat(first.orders()).isNotEmpty();

        load = FaultLoad.start(cluster, 2, 31);
        leaderDisk.fill();
        awaitFault(cluster, 3);
        ReplicaHealth successor = cluster.awaitLeader();
        assertThat(successor.id()).as("a leader whose disk is full steps down").isNotEqualTo(3);
        leaderDisk.free();
        awaitNoFault(cluster, 3);
        load.stopAndVerify("the leader's disk full, then freed");
      }
    }
  }

  private static ReplicaHealth awaitFault(ClusterTestSupport cluster, int id) {
    Deadline.await(Duration.ofSeconds(30), "replica " + id + " to report its disk fault", () -> {
      ReplicaHealth h = cluster.replica(id);
      return h != null && h.fault() != null;
    });
    return cluster.replica(id);
  }

  /** Whether the frontend's {@code /status} shows replica {@code id}'s fault; a frontend not answering does not yet. */
  private static boolean statusReportsFault(ClusterTestSupport cluster, int id) {
    try {
      return cluster.store().status().replicas().stream().anyMatch(r -> r.id() == id && r.fault() != null);
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitNoFault(ClusterTestSupport cluster, int id) {
    Deadline.await(Duration.ofSeconds(30), "replica " + id + " to write again", () -> {
      ReplicaHealth h = cluster.replica(id);
      return h != null && h.fault() == null;
    });
  }
}
