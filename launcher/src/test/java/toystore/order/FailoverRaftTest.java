package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import toystore.client.ApiException;
import toystore.config.Replication;
import toystore.model.Order;

/** Failover on the Raft engine. */
class FailoverRaftTest extends FailoverSuite {
  FailoverRaftTest() {
    super(Replication.RAFT);
  }

  /** Raft elects only a replica whose log is at least as long as a majority's: replica 1, not 3. */
  @Override
  void awaitLeaderAfterCatchUp() {
    assertThat(cluster.awaitLeader().id()).as("the replica that holds the orders").isEqualTo(1);
  }

  /**
   * Raft: with no leader there is no read index, so even a known order is unconfirmable: 503, never
   * a 404 (docs/API.md §3.7); the lab engine answers it from the survivor.
   */
  @Override
  void assertKnownOrderWithAMinority(long number, Order order) {
    assertThatThrownBy(() -> cluster.store().lookup(number))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
  }
}
