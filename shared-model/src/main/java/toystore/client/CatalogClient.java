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

  /** {@link toystore.client.ApiException} 421 when a leader newer than the purchase's epoch was seen. */
  public PurchaseResult buy(Purchase purchase) throws IOException {
    return http.post(List.of("internal", "buy"), purchase, PurchaseResult.class);
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
