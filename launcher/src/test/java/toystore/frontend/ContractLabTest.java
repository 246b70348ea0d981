package toystore.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.supervisor.ClusterTestSupport;

/** The contract on the lab engine. */
class ContractLabTest extends ContractSuite {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  ContractLabTest() {
    super(cluster);
  }

  /** Lab only: the frontend elects, and the highest live id leads (docs/API.md §1). */
  @Override
  void assertLeadership(Map<String, Object> status, List<Map<String, Object>> replicas) {
    assertThat(status.get("leader")).isEqualTo(3.0);
    assertThat(status.get("replication")).isEqualTo("lab");
    assertThat((String) status.get("leadership")).contains("highest live id");
  }
}
