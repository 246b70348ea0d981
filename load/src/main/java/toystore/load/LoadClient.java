package toystore.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.model.Order;
import toystore.model.Product;

/**
 * One client of the lab's model, on its own thread and its own single connection: query a random
 * toy and, when it is in stock, order it with the run's probability; at the end read back every
 * order it placed and compare it with its own record.
 */
final class LoadClient implements Runnable {
  private static final int MAX_QUANTITY = 3;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  // Longer than the frontend's own retry deadline (5 s), so its 503 arrives rather than our timeout.
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

  private final int id;
  private final LoadSettings settings;
  private final ToyMix toys;
  private final String keyPrefix;
  private final RetryPolicy retry;
  private final RunState state;
  private final Random random;
  private final List<AckedOrder> placed = new ArrayList<>();

  LoadClient(int id, LoadSettings settings, ToyMix toys, String runId, RetryPolicy retry, RunState state) {
    this.id = id;
    this.settings = settings;
    this.toys = toys;
    this.keyPrefix = runId + "-c" + id + "-";
    this.retry = retry;
    this.state = state;
    // Each client draws its own repeatable sequence from the run's seed.
    this.random = new Random(settings.seed() * 1_000_003L + id);
  }

  @Override
  public void run() {
    OkHttpClient http =
        JsonHttpClient.newHttp(CONNECT_TIMEOUT, CALL_TIMEOUT)
            .newBuilder()
            .connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES))
            .build();
    StoreClient store = new StoreClient(http, settings.frontendUrl());
    try {
      try {
        load(store);
      } finally {
        state.clientDoneLoading();
      }
      verify(store);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private void load(StoreClient store) throws InterruptedException {
    long seq = 0;
    for (long i = 0; (settings.iterations() == 0 || i < settings.iterations()) && !state.stopRequested(); i++) {
      // Draw every choice each iteration, whatever the answers, so a seed always means the same choices.
      String toy = toys.pick(random);
      boolean wantsToOrder = random.nextDouble() < settings.orderProbability();
      int quantity = 1 + random.nextInt(MAX_QUANTITY);
      Product product = query(store, toy);
      if (product != null && product.quantity() > 0 && wantsToOrder) {
        order(store, product.name(), Math.min(quantity, product.quantity()), keyPrefix + ++seq);
      }
      state.iterationDone();
    }
  }

  private Product query(StoreClient store, String toy) {
    long start = System.nanoTime();
    try {
      Product product = store.product(toy);
      state.stats(RequestType.QUERY).record(System.nanoTime() - start, 0, false);
      return product;
    } catch (IOException e) {
      state.stats(RequestType.QUERY).record(System.nanoTime() - start, 0, true);
      state.error(error(RequestType.QUERY, e instanceof ApiException api ? api.status() : 0, "query " + toy, e));
      return null;
    }
  }

  private void order(StoreClient store, String name, int quantity, String key) throws InterruptedException {
    long start = System.nanoTime();
    try {
      RetryPolicy.Outcome<Long> outcome = retry.run(() -> store.order(name, quantity, key));
      state.stats(RequestType.ORDER).record(System.nanoTime() - start, outcome.retries(), false);
      AckedOrder order = new AckedOrder(outcome.value(), name, quantity, id, key);
      placed.add(order);
      state.acknowledged(order);
    } catch (RetryPolicy.RequestFailed e) {
      boolean outOfStock = e.status() == 409;
      state.stats(RequestType.ORDER).record(System.nanoTime() - start, e.retries(), !outOfStock);
      if (outOfStock) {
        state.outOfStock();
      } else {
        state.error(error(RequestType.ORDER, e.status(), "order " + quantity + " x " + name + " (key " + key + ")", e));
      }
    }
  }

  private void verify(StoreClient store) throws InterruptedException {
    for (AckedOrder expected : placed) {
      long start = System.nanoTime();
      try {
        RetryPolicy.Outcome<Order> outcome = retry.run(() -> store.lookup(expected.number()));
        state.stats(RequestType.LOOKUP).record(System.nanoTime() - start, outcome.retries(), false);
        Order actual = outcome.value();
        if (!actual.name().equals(expected.name()) || actual.quantity() != expected.quantity()) {
          state.mismatch(
              new Mismatch(
                  expected.number(),
                  expected.key(),
                  "acknowledged " + expected.quantity() + " x " + expected.name()
                      + ", read back " + actual.quantity() + " x " + actual.name()));
        }
      } catch (RetryPolicy.RequestFailed e) {
        state.stats(RequestType.LOOKUP).record(System.nanoTime() - start, e.retries(), true);
        state.error(error(RequestType.LOOKUP, e.status(), "look up order " + expected.number(), e));
        state.mismatch(new Mismatch(expected.number(), expected.key(), "unreadable: " + describe(e.status(), e)));
      }
    }
  }

  private ClientError error(RequestType type, int status, String what, IOException e) {
    return new ClientError(System.currentTimeMillis(), id, type, status, what + ": " + describe(status, e));
  }

  private static String describe(int status, IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return status == 0 ? "no reply (" + message + ")" : "HTTP " + status + " " + message;
  }
}
