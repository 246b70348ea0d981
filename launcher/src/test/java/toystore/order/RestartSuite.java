package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.model.Order;
import toystore.model.Product;
import toystore.supervisor.ClusterTestSupport;

/**
 * docs/API.md §3.8: every service can be SIGKILLed and restarted; its state comes back from its
 * database. On both engines ({@link RestartLabTest}, {@link RestartRaftTest}).
 */
abstract class RestartSuite {
  private final ClusterTestSupport cluster;

  /** {@code cluster}: the subclass's store, registered as an extension on its static field. */
  RestartSuite(ClusterTestSupport cluster) {
    this.cluster = cluster;
  }

  /** What this engine promises about the leader before any restart, given {@code /status}'s {@code leader}. */
  abstract void assertFirstLeader(Integer leader);

  @Test
  void killingAndRestartingEachServiceLosesNothing() throws IOException {
    List<Order> placed = new ArrayList<>();
    for (String toy : List.of("Lego", "Tux", "Lego", "Yo-Yo")) {
      long number = cluster.store().order(toy, 2, null);
      placed.add(new Order(number, toy, 2));
    }
    Product lego = cluster.store().product("Lego");
    Integer leader = cluster.store().status().leader();

    for (String service : List.of("catalog", "frontend", "order-1", "order-2", "order-3")) {
      cluster.agent().kill(service);
      cluster.agent().restart(service);
      for (Order order : placed) {
        assertThat(cluster.store().lookup(order.number())).as("after restarting %s", service).isEqualTo(order);
      }
      assertThat(cluster.store().product("lego")).as("after restarting %s", service).isEqualTo(lego);
      placed.add(new Order(cluster.store().order("Fox", 1, null), "Fox", 1));
    }
    assertThat(placed).extracting(Order::number).doesNotHaveDuplicates().isSorted();
    assertFirstLeader(leader);
    cluster.awaitConvergence();
  }
}
