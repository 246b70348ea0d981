package toystore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.model.IdempotencyKey;
import toystore.wire.catalog.LedgerRow;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseBatch;
import toystore.wire.catalog.PurchaseBatchResult;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

/** The catalog over real HTTP and a real SQLite file, with many buyers at once. */
class CatalogConcurrencyTest {
  private static final String SECRET = "test-secret";
  private static final long EPOCH = 1;

  @TempDir
  Path dataDir;

  private CatalogService catalog;
  private CatalogClient client;
  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(10));

  @BeforeEach
  void start() throws Exception {
    catalog = new CatalogService(new CatalogService.Config("127.0.0.1", 0, dataDir, List.of("http://127.0.0.1:9"),
        Duration.ofHours(1), SECRET), http).start();
    client = new CatalogClient(http, "http://127.0.0.1:" + catalog.port(), SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    catalog.close();
  }

  @Test
  void fiftyBuyersOfTheLastTwentyUnits() throws Exception {
    client.buy(new Purchase("Whale", 80, IdempotencyKey.client("setup"), EPOCH));
    assertThat(client.find("whale").quantity()).isEqualTo(20);

    ExecutorService pool = Executors.newFixedThreadPool(50);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      IdempotencyKey key = IdempotencyKey.client("buyer-" + i);
      outcomes.add(pool.submit(() -> {
        go.await();
        try {
          client.buy(new Purchase("Whale", 1, key, EPOCH));
          return true;
        } catch (ApiException e) {
          assertThat(e.status()).isEqualTo(409);
          return false;
        }
      }));
    }
    go.countDown();
    int bought = 0;
    for (Future<Boolean> outcome : outcomes) {
      if (outcome.get(30, TimeUnit.SECONDS)) {
        bought++;
      }
    }
    pool.shutdownNow();

    assertThat(bought).isEqualTo(20);
    assertThat(client.find("Whale").quantity()).isZero();
    LedgerRow whale = client.ledger().stream().filter(r -> r.name().equals("Whale")).findFirst().orElseThrow();
    assertThat(whale.sold()).isEqualTo(100);
    assertThat(whale.initial() + whale.restocked() - whale.sold()).isEqualTo(whale.quantity());
  }

  @Test
  void aRepeatedKeyBuysOnceAndAReusedKeyIsRefused() throws Exception {
    PurchaseResult first = client.buy(new Purchase("tux", 3, IdempotencyKey.client("same-key"), EPOCH));
    PurchaseResult again = client.buy(new Purchase("TUX", 3, IdempotencyKey.client("same-key"), EPOCH));
    assertThat(first.repeated()).isFalse();
    assertThat(again.repeated()).isTrue();
    assertThat(client.find("Tux").quantity()).isEqualTo(97);
    try {
      client.buy(new Purchase("Tux", 4, IdempotencyKey.client("same-key"), EPOCH));
      throw new AssertionError("a reused key must be refused");
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(422);
    }
  }

  @Test
  void settlingGivesBackTheStockOfPurchasesThatNeverBecameOrders() throws Exception {
    client.buy(new Purchase("Barbie", 2, IdempotencyKey.client("ordered"), EPOCH));
    client.buy(new Purchase("Barbie", 3, IdempotencyKey.client("abandoned"), EPOCH));
    Unsettled listed = client.unsettled(-60_000);
    assertThat(listed.purchases()).extracting(Purchase::key).containsExactly(IdempotencyKey.client("ordered"), IdempotencyKey.client("abandoned"));

    client.settle(new Settlement(EPOCH, listed.boughtBeforeMillis(), List.of(IdempotencyKey.client("ordered")), List.of(IdempotencyKey.client("abandoned"))));

    assertThat(client.unsettled(-60_000).purchases()).isEmpty();
    assertThat(client.find("Barbie").quantity()).isEqualTo(98);
    LedgerRow barbie = client.ledger().stream().filter(r -> r.name().equals("Barbie")).findFirst().orElseThrow();
    assertThat(barbie.sold()).isEqualTo(2);
    assertThat(client.buy(new Purchase("Barbie", 3, IdempotencyKey.client("abandoned"), EPOCH)).repeated())
        .as("a late retry of a given-back purchase buys afresh").isFalse();
    assertThat(client.find("Barbie").quantity()).isEqualTo(95);
  }

  @Test
  void stockAndVersionsSurviveARestart() throws Exception {
    PurchaseResult bought = client.buy(new Purchase("Fox", 5, IdempotencyKey.client("k1"), EPOCH));
    catalog.close();
    catalog = new CatalogService(new CatalogService.Config("127.0.0.1", 0, dataDir, List.of("http://127.0.0.1:9"),
        Duration.ofHours(1), SECRET), http).start();
    client = new CatalogClient(http, "http://127.0.0.1:" + catalog.port(), SECRET);
    assertThat(client.find("Fox")).isEqualTo(bought.item());
  }

  @Test
  void internalRoutesNeedTheClusterSecret() {
    CatalogClient stranger = new CatalogClient(http, "http://127.0.0.1:" + catalog.port(), "wrong");
    try {
      stranger.buy(new Purchase("Fox", 5, IdempotencyKey.client("k"), EPOCH));
      throw new AssertionError("expected 401");
    } catch (IOException e) {
      assertThat(e).isInstanceOfSatisfying(ApiException.class, a -> assertThat(a.status()).isEqualTo(401));
    }
  }

  @Test
  void aDeposedLeaderCanNeitherBuyNorGiveStockBackAndTheFenceSurvivesARestart() throws Exception {
    client.buy(new Purchase("Dolphin", 2, IdempotencyKey.client("bought-by-the-old-leader"), 1));
    assertThat(client.fence(3)).isEqualTo(3);
    assertThat(client.fence(2)).as("a fence never lowers the epoch").isEqualTo(3);

    assertThatThrownBy(() -> client.buy(new Purchase("Dolphin", 5, IdempotencyKey.client("deposed"), 2)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(421));
    assertThatThrownBy(() -> client.settle(
        new Settlement(2, Long.MAX_VALUE, List.of(), List.of(IdempotencyKey.client("bought-by-the-old-leader")))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(421));
    assertThat(client.find("Dolphin").quantity()).isEqualTo(98);

    catalog.close();
    catalog = new CatalogService(new CatalogService.Config("127.0.0.1", 0, dataDir, List.of("http://127.0.0.1:9"),
        Duration.ofHours(1), SECRET), http).start();
    client = new CatalogClient(http, "http://127.0.0.1:" + catalog.port(), SECRET);
    assertThatThrownBy(() -> client.buy(new Purchase("Dolphin", 5, IdempotencyKey.client("deposed"), 2)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(421));
    assertThat(client.buy(new Purchase("Dolphin", 5, IdempotencyKey.client("current"), 3)).item().quantity()).isEqualTo(93);
    assertThat(client.unsettled(-60_000).purchases()).extracting(Purchase::key, Purchase::epoch)
        .containsExactly(tuple(IdempotencyKey.client("bought-by-the-old-leader"), 1L), tuple(IdempotencyKey.client("current"), 3L));
  }

  @Test
  void aPurchaseWithoutAnEpochOrANegativeOneIsMalformed() {
    JsonHttpClient raw = new JsonHttpClient(http, "http://127.0.0.1:" + catalog.port(), SECRET);
    for (Map<String, Object> body : List.of(
        Map.<String, Object>of("name", "Fox", "quantity", 1, "key", "client:k"),
        Map.<String, Object>of("name", "Fox", "quantity", 1, "key", "client:k", "epoch", -1))) {
      assertThatThrownBy(() -> raw.post(List.of("internal", "buy"), batchOf(body), Object.class))
          .as(body.toString())
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThatThrownBy(() -> raw.post(List.of("internal", "epoch"), Map.of(), Object.class))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void aSettlementWithoutACutOffOrANegativeOneIsMalformed() {
    JsonHttpClient raw = new JsonHttpClient(http, "http://127.0.0.1:" + catalog.port(), SECRET);
    for (Map<String, Object> body : List.of(
        Map.<String, Object>of("epoch", EPOCH, "ordered", List.of(), "orphaned", List.of("client:k")),
        Map.<String, Object>of("epoch", EPOCH, "boughtBeforeMillis", -1, "ordered", List.of(),
            "orphaned", List.of("client:k")))) {
      assertThatThrownBy(() -> raw.post(List.of("internal", "purchases", "settle"), body, Object.class))
          .as(body.toString())
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  /**
   * A key the wire form does not allow (no known prefix, an empty client key, a frontend key that is
   * no UUID, a missing one in a settlement) is a 400 with a JSON error, and buys or gives back nothing.
   */
  @Test
  void aMalformedKeyIsA400AndChangesNothing() throws Exception {
    JsonHttpClient raw = new JsonHttpClient(http, "http://127.0.0.1:" + catalog.port(), SECRET);
    for (String key : List.of("k", "client:", "frontend:not-a-uuid", "Client:k")) {
      Map<String, Object> body = Map.of("name", "Fox", "quantity", 1, "key", key, "epoch", EPOCH);
      assertThatThrownBy(() -> raw.post(List.of("internal", "buy"), batchOf(body), Object.class))
          .as(key)
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("malformed request body");
          });
    }
    for (List<Object> orphaned : List.of(List.<Object>of("k"), Collections.singletonList(null))) {
      Map<String, Object> body = Map.of("epoch", EPOCH, "boughtBeforeMillis", Long.MAX_VALUE, "ordered", List.of(),
          "orphaned", orphaned);
      assertThatThrownBy(() -> raw.post(List.of("internal", "purchases", "settle"), body, Object.class))
          .as(orphaned.toString())
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThat(client.find("Fox").quantity()).isEqualTo(100);
  }

  /** Purchases in one request are each bought or refused on their own, answered in order. */
  @Test
  void aBatchAnswersEachPurchaseOnItsOwnInOrder() throws Exception {
    client.fence(EPOCH + 1);
    PurchaseBatchResult result = client.buy(new PurchaseBatch(List.of(
        new PurchaseBatch.Item(new Purchase("Fox", 2, IdempotencyKey.client("b1"), EPOCH + 1), "req-1"),
        new PurchaseBatch.Item(new Purchase("Fox", 1000, IdempotencyKey.client("b2"), EPOCH + 1), null),
        new PurchaseBatch.Item(new Purchase("Unicorn", 1, IdempotencyKey.client("b3"), EPOCH + 1), null),
        new PurchaseBatch.Item(new Purchase("Fox", 1, IdempotencyKey.client("b4"), EPOCH), null),
        new PurchaseBatch.Item(new Purchase("Fox", 2, IdempotencyKey.client("b1"), EPOCH + 1), null))));

    assertThat(result.items()).extracting(PurchaseBatchResult.Item::status).containsExactly(0, 409, 404, 421, 0);
    assertThat(result.items().get(0).bought().item().quantity()).isEqualTo(98);
    assertThat(result.items().get(4).bought().repeated()).as("the same key again").isTrue();
    assertThat(client.find("Fox").quantity()).isEqualTo(98);
  }

  private static Map<String, Object> batchOf(Map<String, Object> purchase) {
    return Map.of("items", List.of(Map.of("purchase", purchase)));
  }
}
