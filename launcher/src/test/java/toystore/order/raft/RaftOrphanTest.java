package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.client.CatalogClient;
import toystore.model.IdempotencyKey;
import toystore.supervisor.Deadline;
import toystore.wire.catalog.LedgerRow;
import toystore.wire.catalog.Purchase;
import toystore.wire.order.Messages;

/**
 * Orphan settlement in raft mode (docs/DESIGN.md "Raft engine", orphans) with real processes: a
 * purchase made in the catalog with a key under the leader's term, as a leader that bought and died
 * before its entry committed leaves it, is given back by the leader's settlement once it is older
 * than the orphan age (10 s); a committed order's purchase is kept; the ledger balances.
 */
class RaftOrphanTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  /** The orphan age (10 s), a reconciliation round (1 s) and margin for a loaded machine. */
  private static final Duration SETTLED = Duration.ofSeconds(40);

  @Test
  void aPurchaseNoOrderClaimedIsGivenBackAndACommittedOrdersIsKept() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "raft-orphan-test", Long.toString(System.currentTimeMillis())));
    try (RaftReplicas store = new RaftReplicas(dir)) {
      store.startAll();
      int leader = store.awaitLeader(ELECTION);
      CatalogClient catalog = store.catalog();

      Messages.PlaceOrder ordered = new Messages.PlaceOrder("Tux", 2, IdempotencyKey.client("orphan-test-ordered"));
      store.place(ordered, ELECTION);
      long term = store.health(leader).orElseThrow().epoch();
      // What a dying leader leaves: bought under its term, no entry ever committed.
      IdempotencyKey orphan = IdempotencyKey.client("orphan-test-orphaned");
      catalog.buy(new Purchase("Whale", 3, orphan, term));
      assertThat(sold(catalog, "Whale")).isEqualTo(3);
      assertThat(store.stockMatchesOrders(leader)).as("the orphan's 3 Whales are sold but in no order").isFalse();

      Deadline.await(SETTLED, "the orphaned purchase given back", () -> soldNow(catalog, "Whale") == 0);
      assertThat(sold(catalog, "Tux")).as("the committed order's purchase is kept").isEqualTo(2);
      assertThat(catalog.unsettled(0).purchases()).as("both purchases settled").isEmpty();
      assertThat(store.stockMatchesOrders(leader)).isTrue();

      // A late retry of the orphan's key buys afresh, once.
      Messages.OrderPlaced late = store.place(new Messages.PlaceOrder("Whale", 3, orphan), ELECTION);
      assertThat(late.number()).isEqualTo(2);
      assertThat(sold(catalog, "Whale")).isEqualTo(3);
      assertThat(store.stockMatchesOrders(leader)).isTrue();
    }
  }

  private static long sold(CatalogClient catalog, String toy) throws IOException {
    List<LedgerRow> ledger = catalog.ledger();
    return ledger.stream().filter(r -> r.name().equals(toy)).findFirst().orElseThrow().sold();
  }

  /** What the ledger says is sold, or -1 while the catalog does not answer. */
  private static long soldNow(CatalogClient catalog, String toy) {
    try {
      return sold(catalog, toy);
    } catch (IOException e) {
      return -1;
    }
  }
}
