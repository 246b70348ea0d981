package toystore.order;

import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.supervisor.ClusterTestSupport;

/** The crash test and the nemesis on the lab engine. */
class CrashLabTest extends CrashSuite {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  CrashLabTest() {
    super(cluster, 30);
  }
}
