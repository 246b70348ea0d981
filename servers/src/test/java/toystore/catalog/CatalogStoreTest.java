package toystore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.http.HttpError;
import toystore.model.IdempotencyKey;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

class CatalogStoreTest {
  @TempDir
  Path dir;

  @Test
  void aBatchCommitsItsSuccessesWhateverItsFailures() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      List<CatalogStore.Outcome> outcomes = store.buyAll(List.of(
          new Purchase("Lego", 60, IdempotencyKey.client("a"), 1),
          new Purchase("lego", 60, IdempotencyKey.client("b"), 1),
          new Purchase("LEGO", 60, IdempotencyKey.client("a"), 1),
          new Purchase("Unicorn", 1, IdempotencyKey.client("c"), 1),
          new Purchase("Lego", 1, IdempotencyKey.client("a"), 1),
          new Purchase("Lego", 40, IdempotencyKey.client("d"), 1)));

      assertThat(outcomes.get(0).result().item().quantity()).isEqualTo(40);
      assertThat(outcomes.get(1).error().status()).isEqualTo(409);
      assertThat(outcomes.get(2).result().repeated()).isTrue();
      assertThat(outcomes.get(3).error().status()).isEqualTo(404);
      assertThat(outcomes.get(4).error().status()).isEqualTo(422);
      assertThat(outcomes.get(5).result().item().quantity()).isZero();
      assertThat(outcomes.get(5).result().item().version()).isGreaterThan(outcomes.get(0).result().item().version());
    }
    try (CatalogStore reopened = new CatalogStore(dir.resolve("catalog.db"))) {
      assertThat(reopened.read("Lego").orElseThrow().quantity()).isZero();
      assertThat(reopened.ledger()).filteredOn(r -> r.name().equals("Lego")).singleElement()
          .satisfies(r -> assertThat(r.sold()).isEqualTo(100));
    }
  }

  @Test
  void aStalePurchaseIsRefusedAndChangesNothing() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      assertThat(buy(store, new Purchase("Tux", 5, IdempotencyKey.client("new-leader"), 2)).result().item().quantity()).isEqualTo(95);

      CatalogStore.Outcome stale = buy(store, new Purchase("Tux", 7, IdempotencyKey.client("deposed-leader"), 1));

      assertThat(stale.error().status()).isEqualTo(421);
      assertThat(stale.error().getMessage()).isEqualTo("stale epoch: a newer order leader exists");
      assertThat(store.read("Tux").orElseThrow().quantity()).isEqualTo(95);
      assertThat(sold(store, "Tux")).isEqualTo(5);
      assertThat(store.unsettled(Long.MAX_VALUE).purchases()).extracting(Purchase::key).containsExactly(IdempotencyKey.client("new-leader"));
      assertThat(buy(store, new Purchase("Tux", 7, IdempotencyKey.client("deposed-leader"), 2)).result().repeated())
          .as("the refused key bought nothing, so the current leader buys it afresh").isFalse();
    }
  }

  @Test
  void aStaleSettlementIsRefusedAndGivesNoStockBack() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      buy(store, new Purchase("Lego", 4, IdempotencyKey.client("committed-by-the-new-leader"), 1));
      store.fence(2);

      assertThatThrownBy(() -> store.settle(
          new Settlement(1, Long.MAX_VALUE, List.of(), List.of(IdempotencyKey.client("committed-by-the-new-leader")))))
          .isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(421));

      assertThat(store.read("Lego").orElseThrow().quantity()).isEqualTo(96);
      assertThat(sold(store, "Lego")).isEqualTo(4);
      assertThat(store.unsettled(Long.MAX_VALUE).purchases()).extracting(Purchase::key)
          .containsExactly(IdempotencyKey.client("committed-by-the-new-leader"));
      store.settle(new Settlement(2, Long.MAX_VALUE, List.of(), List.of(IdempotencyKey.client("committed-by-the-new-leader"))));
      assertThat(store.read("Lego").orElseThrow().quantity())
          .as("the same settlement from the current epoch does give the stock back").isEqualTo(100);
    }
  }

  @Test
  void aSettlementGivesBackNoPurchaseMadeAfterItsCutOff() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      buy(store, new Purchase("Fox", 2, IdempotencyKey.client("retried"), 1));
      Thread.sleep(2);
      Unsettled listed = store.unsettled(System.currentTimeMillis());
      assertThat(listed.purchases()).extracting(Purchase::key).containsExactly(IdempotencyKey.client("retried"));
      Settlement settlement = new Settlement(1, listed.boughtBeforeMillis(), List.of(), List.of(IdempotencyKey.client("retried")));
      store.settle(settlement);
      assertThat(store.read("Fox").orElseThrow().quantity()).isEqualTo(100);

      assertThat(buy(store, new Purchase("Fox", 2, IdempotencyKey.client("retried"), 1)).result().repeated())
          .as("the retry buys afresh, after the cut-off").isFalse();
      store.settle(settlement);

      assertThat(store.read("Fox").orElseThrow().quantity())
          .as("a late copy of the settlement leaves the new purchase alone").isEqualTo(98);
      assertThat(sold(store, "Fox")).isEqualTo(2);
      assertThat(store.unsettled(Long.MAX_VALUE).purchases()).extracting(Purchase::key)
          .containsExactly(IdempotencyKey.client("retried"));
    }
  }

  @Test
  void aFenceRaisesTheEpochForLaterPurchasesAndNeverLowersIt() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      assertThat(store.fence(5)).isEqualTo(5);
      assertThat(store.fence(3)).isEqualTo(5);

      assertThat(buy(store, new Purchase("Fox", 1, IdempotencyKey.client("epoch-4"), 4)).error().status()).isEqualTo(421);
      assertThat(buy(store, new Purchase("Fox", 1, IdempotencyKey.client("epoch-5"), 5)).result().item().quantity()).isEqualTo(99);
      assertThat(buy(store, new Purchase("Fox", 1, IdempotencyKey.client("epoch-6"), 6)).result().item().quantity()).isEqualTo(98);
      assertThat(store.fence(0)).as("a newer purchase raised the fence").isEqualTo(6);
    }
  }

  @Test
  void theEpochSurvivesARestart() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      buy(store, new Purchase("Whale", 1, IdempotencyKey.client("a"), 3));
    }
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      assertThat(store.fence(0)).as("raised by a purchase batch").isEqualTo(3);
      store.settle(new Settlement(4, Long.MAX_VALUE, List.of(IdempotencyKey.client("a")), List.of()));
    }
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      assertThat(store.fence(0)).as("raised by a settlement").isEqualTo(4);
      store.fence(7);
    }
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      assertThat(store.fence(0)).as("raised by a fence").isEqualTo(7);
      assertThat(buy(store, new Purchase("Whale", 1, IdempotencyKey.client("b"), 6)).error().status()).isEqualTo(421);
      assertThat(store.read("Whale").orElseThrow().quantity()).isEqualTo(99);
    }
  }

  @Test
  void inABatchEachPurchaseIsCheckedAgainstTheNewestEpochBeforeIt() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      store.fence(1);
      List<CatalogStore.Outcome> outcomes = store.buyAll(List.of(
          new Purchase("Slinky", 1, IdempotencyKey.client("old-leader-1"), 1),
          new Purchase("Slinky", 1, IdempotencyKey.client("new-leader-1"), 2),
          new Purchase("Slinky", 1, IdempotencyKey.client("old-leader-2"), 1),
          new Purchase("Slinky", 1, IdempotencyKey.client("new-leader-2"), 2),
          new Purchase("Slinky", 1, IdempotencyKey.client("ancient"), 0)));

      assertThat(outcomes.get(0).error()).isNull();
      assertThat(outcomes.get(1).error()).isNull();
      assertThat(outcomes.get(2).error().status()).isEqualTo(421);
      assertThat(outcomes.get(3).error()).isNull();
      assertThat(outcomes.get(4).error().status()).isEqualTo(421);
      assertThat(store.read("Slinky").orElseThrow().quantity()).isEqualTo(97);
      assertThat(store.unsettled(Long.MAX_VALUE).purchases()).extracting(Purchase::key, Purchase::epoch)
          .containsExactlyInAnyOrder(
              tuple(IdempotencyKey.client("old-leader-1"), 1L), tuple(IdempotencyKey.client("new-leader-1"), 2L), tuple(IdempotencyKey.client("new-leader-2"), 2L));
      assertThat(store.fence(0)).isEqualTo(2);
    }
  }

  private static CatalogStore.Outcome buy(CatalogStore store, Purchase purchase) throws Exception {
    return store.buyAll(List.of(purchase)).get(0);
  }

  private static long sold(CatalogStore store, String toy) throws Exception {
    return store.ledger().stream().filter(r -> r.name().equals(toy)).findFirst().orElseThrow().sold();
  }
}
