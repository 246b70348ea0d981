package toystore.order;

import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.config.Replication;
import toystore.supervisor.ClusterTestSupport;

/**
 * The crash test and the nemesis on the Raft engine: the nemesis' partitions between replicas also
 * cut their Raft traffic, by cgroup (docs/API.md, partitions in raft mode).
 */
class CrashRaftTest extends CrashSuite {
  @RegisterExtension static final ClusterTestSupport cluster =
      ClusterTestSupport.withReplicas(3).replication(Replication.RAFT);

  /** 20 nemesis faults, not lab's 30: a raft restart costs seconds more, and CI must stay under 15 minutes. */
  CrashRaftTest() {
    super(cluster, 20);
  }
}
