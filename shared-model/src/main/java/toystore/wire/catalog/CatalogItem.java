package toystore.wire.catalog;

import toystore.model.Product;

/** A toy as the catalog keeps it; {@code version} grows on every change of the row. */
public record CatalogItem(String name, double price, int quantity, long version) {
  public Product product() {
    return new Product(name, price, quantity);
  }
}
