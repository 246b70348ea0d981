package toystore.catalog;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog's own figures, read from the store at each scrape. */
final class CatalogMetrics {
  private static final Logger log = LoggerFactory.getLogger(CatalogMetrics.class);

  private CatalogMetrics() {}

  static void register(PrometheusRegistry registry, CatalogStore store) {
    GaugeWithCallback.builder()
        .name("toystore_catalog_stock_items")
        .help("Items of each toy in stock, as last committed")
        .labelNames("toy")
        .callback(callback -> {
          try {
            // The query connection: a scrape never waits behind a batch of purchases and its fsync.
            store.readAll().forEach(toy -> callback.call(toy.quantity(), toy.name()));
          } catch (SQLException e) {
            // The rest of the scrape is still worth having; the stock is left out of it.
            log.warn("metrics: cannot read the stock: {}", e.getMessage());
          }
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("toystore_catalog_epoch")
        .help("The highest order-leader epoch the catalog has been fenced with")
        .callback(callback -> callback.call(store.epoch()))
        .register(registry);
  }
}
