package toystore.catalog;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.http.HttpError;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseResult;

/**
 * Group commit for purchases: concurrent purchases wait in a queue and one writer takes all of them
 * in one transaction, so a burst of orders costs one fsync, not one each.
 */
final class PurchaseBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PurchaseBatcher.class);
  private static final int MAX_BATCH = 500;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private record Pending(Purchase purchase, CompletableFuture<PurchaseResult> result) {}

  private final CatalogStore store;
  private final Consumer<CatalogItem> onChange;
  private final Histogram batchSizes;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  /**
   * @param onChange told of every toy a purchase changed (for the frontend's cache)
   * @param metrics where the sizes of the batches go
   */
  PurchaseBatcher(CatalogStore store, Consumer<CatalogItem> onChange, PrometheusRegistry metrics) {
    this.store = store;
    this.onChange = onChange;
    this.batchSizes = Histogram.builder()
        .name("toystore_catalog_purchase_batch_size_purchases")
        .help("Purchases written in one transaction (one fsync)")
        .classicOnly()
        .classicUpperBounds(1, 2, 5, 10, 20, 50, 100, 200, MAX_BATCH)
        .register(metrics);
    this.writer = new Thread(this::writeBatches, "purchase-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Buys, waiting for the batch it joins to be committed. */
  PurchaseResult buy(Purchase purchase) throws Exception {
    CompletableFuture<PurchaseResult> result = new CompletableFuture<>();
    queue.add(new Pending(purchase, result));
    try {
      return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new HttpError(503, "catalog busy; retry");
    }
  }

  private void writeBatches() {
    while (running) {
      List<Pending> batch = new ArrayList<>();
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
      } catch (InterruptedException e) {
        return;
      }
      batchSizes.observe(batch.size());
      try {
        List<CatalogStore.Outcome> outcomes = store.buyAll(batch.stream().map(Pending::purchase).toList());
        for (int i = 0; i < batch.size(); i++) {
          CatalogStore.Outcome outcome = outcomes.get(i);
          if (outcome.error() != null) {
            batch.get(i).result().completeExceptionally(outcome.error());
          } else {
            if (!outcome.result().repeated()) {
              onChange.accept(outcome.result().item());
            }
            batch.get(i).result().complete(outcome.result());
          }
        }
      } catch (SQLException | RuntimeException e) {
        log.error("a batch of {} purchases failed", batch.size(), e);
        batch.forEach(p -> p.result().completeExceptionally(new HttpError(503, "catalog could not record purchases")));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    writer.interrupt();
  }
}
