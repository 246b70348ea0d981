package toystore.client;

import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Fence;
import toystore.wire.catalog.LedgerRow;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseBatch;
import toystore.wire.catalog.PurchaseBatchResult;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

/** The catalog's internal API, for the frontend, the order leader and the agent. */
public final class CatalogClient {
  private final JsonHttpClient http;

  public CatalogClient(OkHttpClient http, String catalogUrl, String clusterSecret) {
    this.http = new JsonHttpClient(http, catalogUrl, clusterSecret);
  }

  public String url() {
    return http.baseUrl();
  }

  /** Every toy, in the catalog's order. */
  public List<CatalogItem> all() throws IOException {
    return http.get(List.of("internal", "products"), Types.newParameterizedType(List.class, CatalogItem.class));
  }

  /** The toy by case-insensitive name; {@link toystore.client.ApiException} 404 when unknown. */
  public CatalogItem find(String name) throws IOException {
    return http.get(List.of("internal", "products", name), CatalogItem.class);
  }

  /**
   * One purchase, as a batch of one; a refusal is an {@link toystore.client.ApiException} with its
   * status (421 when a leader newer than the purchase's epoch was seen).
   */
  public PurchaseResult buy(Purchase purchase) throws IOException {
    PurchaseBatchResult.Item item = buy(new PurchaseBatch(List.of(new PurchaseBatch.Item(purchase, null)))).items().get(0);
    if (item.bought() == null) {
      throw new ApiException(item.status(), item.error());
    }
    return item.bought();
  }

  /** Purchases bought or refused each on its own, in one request; the answer has one item per purchase. */
  public PurchaseBatchResult buy(PurchaseBatch batch) throws IOException {
    PurchaseBatchResult result = http.post(List.of("internal", "buy"), batch, PurchaseBatchResult.class);
    if (result.items() == null || result.items().size() != batch.items().size()) {
      throw new IOException("the catalog answered " + (result.items() == null ? "no" : result.items().size())
          + " purchases for " + batch.items().size());
    }
    return result;
  }

  /** Purchases made more than {@code olderThanMillis} ago that no order has claimed yet, with that cut-off. */
  public Unsettled unsettled(long olderThanMillis) throws IOException {
    return http.call("GET", List.of("internal", "purchases", "unsettled"),
        Map.of("olderThanMs", Long.toString(olderThanMillis)), null, Map.of(), Unsettled.class);
  }

  /** {@link toystore.client.ApiException} 421 (nothing changed) when a newer leader was seen. */
  public void settle(Settlement settlement) throws IOException {
    http.post(List.of("internal", "purchases", "settle"), settlement, Object.class);
  }

  /** Raises the catalog's fence to {@code epoch} (never lowers it); returns the highest epoch it has seen. */
  public long fence(long epoch) throws IOException {
    return http.<Fence>post(List.of("internal", "epoch"), new Fence(epoch), Fence.class).epoch();
  }

  public List<LedgerRow> ledger() throws IOException {
    return http.get(List.of("internal", "ledger"), Types.newParameterizedType(List.class, LedgerRow.class));
  }
}
