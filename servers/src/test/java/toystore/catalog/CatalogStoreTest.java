package toystore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {
  @TempDir
  Path dir;

  @Test
  void aBatchCommitsItsSuccessesWhateverItsFailures() throws Exception {
    try (CatalogStore store = new CatalogStore(dir.resolve("catalog.db"))) {
      List<CatalogStore.Outcome> outcomes = store.buyAll(List.of(
          new Purchase("Lego", 60, "a"),
          new Purchase("lego", 60, "b"),
          new Purchase("LEGO", 60, "a"),
          new Purchase("Unicorn", 1, "c"),
          new Purchase("Lego", 1, "a"),
          new Purchase("Lego", 40, "d")));

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
}
