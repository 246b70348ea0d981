package toystore.order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import toystore.client.CatalogClient;
import toystore.http.RequestIds;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input;
import toystore.wire.catalog.PurchaseBatch;

/**
 * Sends the core's purchases to the catalog in batches: a purchase goes out at once when fewer than
 * {@link #CALLS} calls are out, else with everything that queued meanwhile in the next call. So one
 * client's order costs one call as before, and many clients' orders cost one call (and one catalog
 * transaction) per batch instead of one each. Two calls at a time let the catalog write one batch
 * while the next one arrives.
 */
final class PurchaseSender {
  static final int CALLS = 2;
  private static final int MAX_BATCH = 200;

  private record Queued(Effect.Buy buy, String requestId, long queuedAt) {}

  private final CatalogClient catalog;
  private final Executor threads;
  private final OrderStages stages;
  private final Consumer<Input> results;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  /** Calls out, each sending batches until the queue is empty. */
  private int calls;

  /**
   * @param threads where the calls run
   * @param results told how each purchase went, as the core's input
   */
  PurchaseSender(CatalogClient catalog, Executor threads, OrderStages stages, Consumer<Input> results) {
    this.catalog = catalog;
    this.threads = threads;
    this.stages = stages;
    this.results = results;
  }

  /** Queues a purchase made for the request this thread works on. */
  void buy(Effect.Buy buy) {
    stages.buying(buy.purchase().key());
    Queued queued = new Queued(buy, RequestIds.current(), System.nanoTime());
    synchronized (this) {
      queue.add(queued);
      if (calls == CALLS) {
        return;
      }
      calls++;
    }
    threads.execute(this::sendUntilEmpty);
  }

  private void sendUntilEmpty() {
    List<Queued> batch;
    while ((batch = next()) != null) {
      List<Input> inputs = CatalogCalls.buy(catalog, new PurchaseBatch(batch.stream()
          .map(q -> new PurchaseBatch.Item(q.buy().purchase(), q.requestId())).toList()));
      for (int i = 0; i < batch.size(); i++) {
        if (inputs.get(i) instanceof Input.Bought bought) {
          stages.bought(bought.purchase().key(), batch.get(i).queuedAt());
        }
        results.accept(inputs.get(i));
      }
    }
  }

  /** What queued, up to {@link #MAX_BATCH}; null when nothing did (this call ends). */
  private synchronized List<Queued> next() {
    if (queue.isEmpty()) {
      calls--;
      return null;
    }
    List<Queued> batch = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.poll());
    }
    return batch;
  }
}
