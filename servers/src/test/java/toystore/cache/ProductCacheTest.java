package toystore.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Invalidation;

class ProductCacheTest {
  private static CatalogItem toy(String name, int quantity, long version) {
    return new CatalogItem(name, 1.0, quantity, version);
  }

  @Test
  void keepsMostRecentlyUsedFirstAndEvictsTheLeastRecentlyUsed() {
    ProductCache cache = new ProductCache(true, 2);
    cache.fill(toy("Tux", 100, 1));
    cache.fill(toy("Whale", 100, 1));
    assertThat(cache.get("tux")).isPresent();
    assertThat(cache.status().keys()).containsExactly("Tux", "Whale");

    cache.fill(toy("Fox", 100, 1));

    assertThat(cache.status().keys()).containsExactly("Fox", "Tux");
    assertThat(cache.status().evictions()).isEqualTo(1);
    assertThat(cache.get("Whale")).isEmpty();
  }

  @Test
  void countsHitsAndMissesWhateverTheCase() {
    ProductCache cache = new ProductCache(true, 5);
    assertThat(cache.get("WHALE")).isEmpty();
    cache.fill(toy("Whale", 100, 1));
    assertThat(cache.get("whale")).contains(toy("Whale", 100, 1));
    assertThat(cache.get("Whale")).isPresent();
    assertThat(cache.status().hits()).isEqualTo(2);
    assertThat(cache.status().misses()).isEqualTo(1);
    assertThat(cache.status().keys()).containsExactly("Whale");
  }

  @Test
  void invalidationDropsOlderCopiesAndIsCounted() {
    ProductCache cache = new ProductCache(true, 5);
    cache.fill(toy("Tux", 100, 3));
    cache.invalidate(new Invalidation("Tux", 4));
    assertThat(cache.get("Tux")).isEmpty();
    assertThat(cache.status().invalidations()).isEqualTo(1);
    assertThat(cache.status().size()).isZero();
  }

  @Test
  void aFillThatRacedAnInvalidationIsRefused() {
    ProductCache cache = new ProductCache(true, 5);
    // The fill read version 7 from the catalog; before it could store it, a purchase made version 8.
    CatalogItem readBeforeThePurchase = toy("Fox", 10, 7);
    cache.invalidate(new Invalidation("Fox", 8));
    cache.fill(readBeforeThePurchase);
    assertThat(cache.get("Fox")).isEmpty();

    cache.fill(toy("Fox", 9, 8));
    assertThat(cache.get("Fox")).contains(toy("Fox", 9, 8));
  }

  @Test
  void anOlderFillNeverReplacesANewerCopy() {
    ProductCache cache = new ProductCache(true, 5);
    cache.fill(toy("Lego", 5, 9));
    cache.fill(toy("Lego", 6, 8));
    assertThat(cache.get("Lego")).contains(toy("Lego", 5, 9));
  }

  @Test
  void capacityZeroHoldsNothingAndOneHoldsTheLatest() {
    ProductCache none = new ProductCache(true, 0);
    none.fill(toy("Tux", 100, 1));
    assertThat(none.get("Tux")).isEmpty();
    assertThat(none.status().size()).isZero();

    ProductCache one = new ProductCache(true, 1);
    one.fill(toy("Tux", 100, 1));
    one.fill(toy("Whale", 100, 1));
    assertThat(one.status().keys()).containsExactly("Whale");
    assertThat(one.status().evictions()).isEqualTo(1);
  }

  @Test
  void disabledCacheStoresNothingButStillCountsMisses() {
    ProductCache off = new ProductCache(false, 5);
    off.fill(toy("Tux", 100, 1));
    assertThat(off.get("Tux")).isEmpty();
    assertThat(off.status().enabled()).isFalse();
    assertThat(off.status().misses()).isEqualTo(1);
  }

  @Test
  void negativeCapacityIsRefused() {
    assertThatThrownBy(() -> new ProductCache(true, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
