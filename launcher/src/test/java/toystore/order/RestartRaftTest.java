package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.config.Replication;
import toystore.supervisor.ClusterTestSupport;

/** Restarts on the Raft engine. */
class RestartRaftTest extends RestartSuite {
  @RegisterExtension static final ClusterTestSupport cluster =
      ClusterTestSupport.withReplicas(3).replication(Replication.RAFT);

  RestartRaftTest() {
    super(cluster);
  }

  /** Raft elects any of the three (docs/API.md §1): only that there was one. */
  @Override
  void assertFirstLeader(Integer leader) {
    assertThat(leader).as("the first leader").isIn(1, 2, 3);
  }
}
