package toystore.client;

import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import toystore.model.Order;
import toystore.model.OrderReceipt;
import toystore.model.OrderRequest;
import toystore.model.Product;
import toystore.model.StoreStatus;

/** The public API of the frontend (docs/API.md §1), typed. */
public final class StoreClient {
  private final JsonHttpClient http;

  public StoreClient(OkHttpClient http, String frontendUrl) {
    this.http = new JsonHttpClient(http, frontendUrl, null);
  }

  public String url() {
    return http.baseUrl();
  }

  /** Every toy, in the catalog's order, read past the frontend's cache. */
  public List<Product> products() throws IOException {
    return http.get(List.of("products"), Types.newParameterizedType(List.class, Product.class));
  }

  public Product product(String name) throws IOException {
    return http.get(List.of("products", name), Product.class);
  }

  /** Places an order; returns its number. {@code idempotencyKey} may be null. */
  public long order(String name, int quantity, String idempotencyKey) throws IOException {
    Map<String, String> headers = idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    OrderReceipt receipt =
        http.call("POST", List.of("orders"), Map.of(), new OrderRequest(name, quantity), headers, OrderReceipt.class);
    return receipt.orderNumber();
  }

  public Order lookup(long number) throws IOException {
    return http.get(List.of("orders", Long.toString(number)), Order.class);
  }

  public StoreStatus status() throws IOException {
    return http.get(List.of("status"), StoreStatus.class);
  }
}
