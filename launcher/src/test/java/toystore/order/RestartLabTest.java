package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.supervisor.ClusterTestSupport;

/** Restarts on the lab engine. */
class RestartLabTest extends RestartSuite {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  RestartLabTest() {
    super(cluster);
  }

  /** Lab only: the frontend elects the highest live id. */
  @Override
  void assertFirstLeader(Integer leader) {
    assertThat(leader).as("the first leader").isEqualTo(3);
  }
}
