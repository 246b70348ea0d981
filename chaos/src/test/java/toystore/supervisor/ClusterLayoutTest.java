package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import toystore.config.PortLayout;

class ClusterLayoutTest {
  @Test
  void portBaseLaysOutAgentFrontendCatalogThenReplicas() {
    ClusterLayout layout = ClusterLayout.withPortBase(21000, 3);

    assertThat(layout.agentUrl()).isEqualTo("http://127.0.0.1:21000");
    assertThat(layout.frontendUrl()).isEqualTo("http://127.0.0.1:21001");
    assertThat(layout.catalogUrl()).isEqualTo("http://127.0.0.1:21002");
    assertThat(layout.replicaIds()).containsExactly(1, 2, 3);
    assertThat(layout.replicaUrl(1)).isEqualTo("http://127.0.0.1:21003");
    assertThat(layout.replicaUrl(3)).isEqualTo("http://127.0.0.1:21005");
    assertThat(layout.replicasArgument())
        .isEqualTo("1=http://127.0.0.1:21003,2=http://127.0.0.1:21004,3=http://127.0.0.1:21005");
  }

  @Test
  void withoutPortBaseTheOriginalPortsAreUsed() {
    ClusterLayout layout = ClusterLayout.standard(3);

    assertThat(layout.agentPort()).isEqualTo(7000);
    assertThat(layout.frontendPort()).isEqualTo(1234);
    assertThat(layout.catalogPort()).isEqualTo(2319);
    assertThat(layout.replicaPorts()).containsExactly(1115, 1116, 1117);
  }

  @Test
  void everyServiceHasItsOwnSourceAddressAndTheStoreItsOwnChain() {
    ClusterLayout layout = ClusterLayout.withPortBase(27000, 3);

    // 27000 = 105 * 256 + 120
    assertThat(layout.catalogSourceAddress()).isEqualTo("127.105.120.1");
    assertThat(layout.frontendSourceAddress()).isEqualTo("127.105.120.2");
    assertThat(layout.replicaSourceAddress(1)).isEqualTo("127.105.120.3");
    assertThat(layout.replicaSourceAddress(3)).isEqualTo("127.105.120.5");
    assertThat(layout.firewallChain()).isEqualTo("TOYSTORE-27000");
    assertThatThrownBy(() -> layout.replicaSourceAddress(4)).hasMessageContaining("no order replica 4");
  }

  @Test
  void storesOnDifferentPortBasesShareNoSourceAddressAndNoneIsTheListenAddress() {
    ClusterLayout one = ClusterLayout.withPortBase(27000, 3);
    ClusterLayout other = ClusterLayout.withPortBase(27256, 3);
    ClusterLayout lowest = ClusterLayout.withPortBase(1, 3);

    assertThat(Stream.of(one, other, lowest).flatMap(ClusterLayoutTest::sourceAddresses).toList())
        .doesNotHaveDuplicates()
        .noneMatch(address -> address.startsWith("127.0.0."));
  }

  private static Stream<String> sourceAddresses(ClusterLayout layout) {
    return Stream.concat(
        Stream.of(layout.catalogSourceAddress(), layout.frontendSourceAddress()),
        layout.replicaIds().stream().map(layout::replicaSourceAddress));
  }

  @Test
  void rejectsNoReplicasPortsOutOfRangeAndUnknownIds() {
    assertThatThrownBy(() -> ClusterLayout.withPortBase(21000, 0)).hasMessageContaining("at least one");
    assertThatThrownBy(() -> ClusterLayout.withPortBase(65534, 3)).hasMessageContaining("outside 1-65535");
    assertThatThrownBy(() -> ClusterLayout.withPortBase(21000, 3).replicaUrl(4)).hasMessageContaining("no order replica 4");
  }

  @Test
  void aSecondFrontendAndTheRaftPortsComeAfterTheLastReplica() {
    ClusterLayout layout = ClusterLayout.withPortBase(21000, 3, 2);

    assertThat(layout.frontendUrls()).containsExactly("http://127.0.0.1:21001", "http://127.0.0.1:21006");
    assertThat(layout.frontendUrl()).isEqualTo("http://127.0.0.1:21001");
    assertThat(layout.raftPorts()).containsExactly(21007, 21008, 21009);
    assertThat(layout.raftPeersArgument()).isEqualTo("1=127.0.0.1:21007,2=127.0.0.1:21008,3=127.0.0.1:21009");
    assertThat(layout.frontendUrlsArgument()).isEqualTo("http://127.0.0.1:21001,http://127.0.0.1:21006");
    assertThat(ClusterLayout.frontendName(1)).isEqualTo("frontend-2");
    assertThat(layout.frontendSourceAddress(1)).isNotEqualTo(layout.frontendSourceAddress(0))
        .isNotIn(layout.catalogSourceAddress(), layout.replicaSourceAddress(1), layout.replicaSourceAddress(3));
  }

  @Test
  void everyPortOfFiveReplicasFitsTheSpanAndNoneRepeats() {
    ClusterLayout layout = ClusterLayout.withPortBase(21000, 5, 2);
    List<Integer> ports = Stream.of(List.of(layout.agentPort(), layout.catalogPort()), layout.frontendPorts(),
        layout.replicaPorts(), layout.raftPorts()).flatMap(List::stream).toList();

    assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p >= 21000 && p < 21000 + PortLayout.span(5));
    assertThat(PortLayout.span(5)).isLessThanOrEqualTo(16);
  }

  @Test
  void theStandardLayoutKeepsTheOriginalPortsAndPutsRaftOn1124PlusI() {
    ClusterLayout layout = ClusterLayout.standard(3, 2);

    assertThat(layout.frontendPorts()).containsExactly(1234, 1235);
    assertThat(layout.raftPorts()).containsExactly(1125, 1126, 1127);
    assertThatThrownBy(() -> ClusterLayout.standard(3, 3)).hasMessageContaining("frontends must be 1 or 2");
  }
}
