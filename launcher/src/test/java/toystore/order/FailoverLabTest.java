package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import toystore.config.Replication;
import toystore.model.Order;
import toystore.supervisor.Deadline;

/** Failover on the lab engine. */
class FailoverLabTest extends FailoverSuite {
  FailoverLabTest() {
    super(Replication.LAB);
  }

  /** Lab only: replica 3 comes back as the highest id and must lead, so it fetches first. */
  @Override
  void awaitLeaderAfterCatchUp() {
    Deadline.await(Duration.ofSeconds(15), "replica 3 to lead", () -> Objects.equals(statusLeader(), 3));
  }

  /** Lab only: the survivor still answers what it holds, though it cannot confirm an absence. */
  @Override
  void assertKnownOrderWithAMinority(long number, Order order) throws IOException {
    assertThat(cluster.store().lookup(number)).isEqualTo(order);
  }
}
