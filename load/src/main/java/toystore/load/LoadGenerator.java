package toystore.load;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.model.Product;

/**
 * The lab's load: N clients on their own threads and connections, each querying random toys and
 * ordering with a probability, then reading every acknowledged order back. A library first: a
 * dashboard can {@link #start()}, poll {@link #snapshot()} and {@link #stop()} from any thread;
 * {@link #awaitReport()} gives the whole result once every client has finished.
 */
public final class LoadGenerator {
  /** For the one listing of the catalog before a run: a store that does not answer within it is not ready for load. */
  private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(5);

  private final LoadSettings settings;
  private final ToyMix toys;
  private final RetryPolicy retry;
  private final String runId;
  private final RunState state;
  private final CountDownLatch finished;
  private final AtomicInteger running;
  private final Object lock = new Object();
  private long startNanos;
  private long startedAtMs;
  private volatile long endNanos;
  private boolean started;
  private LoadReport report;

  /** The lab's load over every toy the store's catalog lists, each as likely, riding out failovers. */
  public static LoadGenerator overTheCatalog(LoadSettings settings) throws IOException {
    return new LoadGenerator(settings, catalogToys(settings.frontendUrl()), RetryPolicy.PATIENT);
  }

  /** The names of the toys the store at {@code frontendUrl} sells, in the catalog's order ({@code GET /products}). */
  public static List<String> catalogToys(String frontendUrl) throws IOException {
    StoreClient store = new StoreClient(JsonHttpClient.newHttp(LISTING_TIMEOUT, LISTING_TIMEOUT), frontendUrl);
    List<String> toys = store.products().stream().map(Product::name).toList();
    if (toys.isEmpty()) {
      throw new IOException("the catalog at " + frontendUrl + " lists no toys");
    }
    return toys;
  }

  public LoadGenerator(LoadSettings settings, List<String> toys, RetryPolicy retry) {
    this(settings, ToyMix.uniform(toys), retry);
  }

  /** A load whose clients choose toys from {@code toys} (e.g. a skewed mix for the cache). */
  public LoadGenerator(LoadSettings settings, ToyMix toys, RetryPolicy retry) {
    this.settings = settings;
    this.toys = toys;
    this.retry = retry;
    this.runId = newRunId();
    this.state = new RunState(settings.clients());
    this.finished = new CountDownLatch(settings.clients());
    this.running = new AtomicInteger(settings.clients());
  }

  public LoadSettings settings() {
    return settings;
  }

  /** Prefix of every idempotency key of this run. */
  public String runId() {
    return runId;
  }

  /** Starts every client; a generator runs once. */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("this load has already been started");
      }
      started = true;
      startNanos = System.nanoTime();
      startedAtMs = System.currentTimeMillis();
      for (int id = 1; id <= settings.clients(); id++) {
        LoadClient client = new LoadClient(id, settings, toys, runId, retry, state);
        Thread thread = new Thread(() -> runClient(client), "load-client-" + id);
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private void runClient(LoadClient client) {
    try {
      client.run();
    } finally {
      if (running.decrementAndGet() == 0) {
        endNanos = System.nanoTime();
      }
      finished.countDown();
    }
  }

  /**
   * Asks every client to stop after its current iteration; each then reads its orders back.
   * Returns at once.
   */
  public void stop() {
    state.requestStop();
  }

  /** The figures so far; cheap enough to call several times a second. */
  public LoadSnapshot snapshot() {
    long elapsedNanos;
    LoadSnapshot.Phase phase;
    synchronized (lock) {
      if (!started) {
        return new LoadSnapshot(LoadSnapshot.Phase.NOT_STARTED, 0, 0, planned(), 0, 0, state.figures(0));
      }
      boolean done = finished.getCount() == 0;
      elapsedNanos = (done ? endNanos : System.nanoTime()) - startNanos;
      phase = done ? LoadSnapshot.Phase.DONE : state.loading() ? LoadSnapshot.Phase.RUNNING : LoadSnapshot.Phase.VERIFYING;
    }
    return new LoadSnapshot(
        phase,
        elapsedNanos / 1_000_000,
        state.iterations(),
        planned(),
        state.ordersAcknowledged(),
        state.errorCount(),
        state.figures(elapsedNanos));
  }

  /**
   * Each request type's latencies since the previous call (since the start for the first): for a
   * chart per interval. One reader only, as each call starts the next interval.
   */
  public List<IntervalFigures> takeIntervals() {
    return state.takeIntervals();
  }

  /** Iterations finished so far (a query and, when the client ordered, its order); cheap to poll. */
  public long iterations() {
    return state.iterations();
  }

  /** Waits until every client has finished (for a run without iterations: until {@link #stop()}). */
  public LoadReport awaitReport() throws InterruptedException {
    synchronized (lock) {
      if (!started) {
        throw new IllegalStateException("the load has not been started");
      }
    }
    finished.await();
    synchronized (lock) {
      if (report == null) {
        report = buildReport();
      }
      return report;
    }
  }

  private LoadReport buildReport() {
    long elapsedNanos = endNanos - startNanos;
    List<AckedOrder> orders = state.ordersByNumber();
    List<Mismatch> mismatches = new ArrayList<>(state.mismatches());
    mismatches.addAll(reusedNumbers(orders));
    return new LoadReport(
        runId,
        settings,
        startedAtMs,
        elapsedNanos / 1_000_000,
        state.iterations(),
        state.outOfStockCount(),
        state.errorCount(),
        state.figures(elapsedNanos),
        orders,
        state.errorsByTime(),
        List.copyOf(mismatches));
  }

  /** Two different keys acknowledged with one number break "unique numbers" from the clients' side. */
  private static List<Mismatch> reusedNumbers(List<AckedOrder> orders) {
    Map<Long, AckedOrder> byNumber = new HashMap<>();
    List<Mismatch> reused = new ArrayList<>();
    for (AckedOrder order : orders) {
      AckedOrder earlier = byNumber.putIfAbsent(order.number(), order);
      if (earlier != null) {
        reused.add(
            new Mismatch(
                order.number(), order.key(), "number also acknowledged for key " + earlier.key()));
      }
    }
    return reused;
  }

  private long planned() {
    return settings.clients() * settings.iterations();
  }

  private static String newRunId() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
