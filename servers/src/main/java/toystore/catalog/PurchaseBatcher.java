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

/**
 * Group commit for purchases: concurrent purchases wait in a queue and one writer takes all of them
 * in one transaction, so a burst of orders costs one fsync, not one each. A leader's batch of
 * purchases is queued at once, so it is written together.
 */
final class PurchaseBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PurchaseBatcher.class);
  private static final int MAX_BATCH = 500;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private record Pending(Purchase purchase, CompletableFuture<CatalogStore.Outcome> outcome) {}

  private final CatalogStore store;
  private final Consumer<CatalogItem> onChange;
  private final Histogram batchSizes;
  private final Histogram batchWrites;
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
    this.batchWrites = Histogram.builder()
        .name("toystore_catalog_purchase_batch_write_seconds")
        .help("Time to write one batch of purchases: its transaction and fsync")
        .classicOnly()
        .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5)
        .register(metrics);
    this.writer = new Thread(this::writeBatches, "purchase-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Buys each, waiting for the batches they join to be committed: one outcome per purchase, in order. */
  List<CatalogStore.Outcome> buy(List<Purchase> purchases) throws InterruptedException {
    List<Pending> pending = purchases.stream().map(p -> new Pending(p, new CompletableFuture<>())).toList();
    queue.addAll(pending);
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<CatalogStore.Outcome> outcomes = new ArrayList<>();
    for (Pending p : pending) {
      try {
        outcomes.add(p.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        throw new IllegalStateException("outcomes are only ever completed normally", e);
      } catch (TimeoutException e) {
        outcomes.add(new CatalogStore.Outcome(null, new HttpError(503, "catalog busy; retry")));
      }
    }
    return outcomes;
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
        long started = System.nanoTime();
        List<CatalogStore.Outcome> outcomes = store.buyAll(batch.stream().map(Pending::purchase).toList());
        batchWrites.observe((System.nanoTime() - started) / 1e9);
        for (int i = 0; i < batch.size(); i++) {
          CatalogStore.Outcome outcome = outcomes.get(i);
          if (outcome.error() == null && !outcome.result().repeated()) {
            onChange.accept(outcome.result().item());
          }
          batch.get(i).outcome().complete(outcome);
        }
      } catch (SQLException | RuntimeException e) {
        log.error("a batch of {} purchases failed", batch.size(), e);
        CatalogStore.Outcome failed = new CatalogStore.Outcome(null, new HttpError(503, "catalog could not record purchases"));
        batch.forEach(p -> p.outcome().complete(failed));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    writer.interrupt();
  }
}
