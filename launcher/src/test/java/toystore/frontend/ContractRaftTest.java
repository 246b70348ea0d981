package toystore.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.config.Replication;
import toystore.supervisor.ClusterTestSupport;

/** The contract on the Raft engine. */
class ContractRaftTest extends ContractSuite {
  @RegisterExtension static final ClusterTestSupport cluster =
      ClusterTestSupport.withReplicas(3).replication(Replication.RAFT);

  ContractRaftTest() {
    super(cluster);
  }

  /** Raft elects, not the highest id: {@code leader} is whichever replica says LEADER (docs/API.md §1). */
  @Override
  void assertLeadership(Map<String, Object> status, List<Map<String, Object>> replicas) {
    assertThat(status.get("replication")).isEqualTo("raft");
    assertThat((String) status.get("leadership")).contains("Raft");
    Object leader = replicas.stream().filter(r -> "LEADER".equals(r.get("role"))).map(r -> r.get("id"))
        .findFirst().orElseThrow();
    assertThat(status.get("leader")).isEqualTo(leader);
  }
}
