package toystore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import toystore.catalog.CatalogService;
import toystore.client.StoreClient;
import toystore.load.LoadGenerator;
import toystore.load.LoadSettings;
import toystore.load.RequestType;
import toystore.load.ToyMix;
import toystore.model.CacheStatus;
import toystore.supervisor.ServiceOptions;

/**
 * The lab's experiments, one after the other, each on fresh processes: the bare Spark baseline, the
 * latency sweep (cache off, default cache, a cache holding every toy; p from 0 to 0.8), the cache
 * timeline and the failure experiment, all on the plan's main engine; then the engine comparison,
 * a store per engine. Only one store runs at a time.
 */
public final class Bench {
  /** A cache configuration of the sweep. */
  record CacheSetting(String label, boolean enabled, int size) {
    ServiceOptions options(long restockIntervalMs) {
      return new ServiceOptions(enabled, enabled ? size : ServiceOptions.DEFAULT_CACHE_SIZE, restockIntervalMs);
    }
  }

  static final CacheSetting NO_CACHE = new CacheSetting("no cache", false, 0);
  static final CacheSetting DEFAULT_CACHE = new CacheSetting("cache 5", true, ServiceOptions.DEFAULT_CACHE_SIZE);
  /** Sized before the store runs, so from the catalog's seed: every toy fits. */
  static final CacheSetting FULL_CACHE = new CacheSetting("cache 12", true, CatalogService.defaultToys().size());
  static final String BASELINE = "bare Spark";
  /**
   * The catalog restocks empty toys this often in the baseline's store: its order runs at p=1 with
   * up to 64 clients would otherwise empty the stock (12 toys × 100) within a second and measure it.
   */
  static final long ORDER_RESTOCK_MS = 100;

  private final BenchPlan plan;
  private final Stores stores;
  private final BenchProgress progress;

  public Bench(BenchPlan plan, Stores stores, Consumer<String> progress) {
    this.plan = plan;
    this.stores = stores;
    this.progress = new BenchProgress(progress, plan, System::currentTimeMillis);
  }

  public BenchResults run() throws IOException, InterruptedException {
    long start = System.currentTimeMillis();
    BenchResults.Machine machine = machine();
    progress.accept(String.format(Locale.ROOT, "Machine: %d processors, Java %s, load average %.2f",
        machine.processors(), machine.javaVersion(), machine.loadAverageAtStart()));
    Rounds rounds = rounds();
    List<Measured> sweep = sweep();
    CacheTimeline timeline = new CacheTimelineExperiment(plan, stores, progress).run();
    FailureRun failure = new FailureExperiment(plan, stores, progress).run();
    EngineComparison engines = new EngineExperiment(plan, stores, progress).run();
    return new BenchResults(Instant.ofEpochMilli(start).toString(), System.currentTimeMillis() - start, machine,
        plan, rounds.baseline(), rounds.orders(), sweep, timeline, failure, engines);
  }

  /** What the alternating rounds measured. */
  private record Rounds(BaselineComparison baseline, OrderScaling orders) {}

  private Rounds rounds() throws IOException, InterruptedException {
    progress.phase("Baseline: a bare Spark endpoint with a fixed product against a store with every toy cached,"
        + " p=0, then one client's queries and orders only (p=1) with " + plan.orderClients() + " clients, in "
        + plan.pairRounds() + " alternating rounds");
    Path log = stores.workDir().resolve("baseline.log");
    try (BaselineProcess server = BaselineProcess.start(stores.java(), stores.firstFreePort(), log);
        Store running = stores.start("baseline-cache-12", FULL_CACHE.options(ORDER_RESTOCK_MS))) {
      LoadSettings bare = settings(server.url(), 0);
      LoadSettings cached = settings(running.frontendUrl(), 0);
      // The bare endpoint answers any toy: both get the store's catalog.
      ToyMix toys = uniform(running);
      TimedLoad.warmUp(bare, toys, plan.warmupMs());
      TimedLoad.warmUp(cached, toys, plan.warmupMs());
      TimedLoad.warmUp(orders(running.frontendUrl(), 4), toys, plan.warmupMs());
      List<Measured> baselines = new ArrayList<>();
      List<Measured> stores = new ArrayList<>();
      List<OrderScaling.Round> orderRounds = new ArrayList<>();
      for (int round = 1; round <= plan.pairRounds(); round++) {
        Measured b = TimedLoad.run(bare, toys, plan.pairSliceMs())
            .measured(BASELINE + ", round " + round, BASELINE, null);
        CacheStatus before = running.client().status().cache();
        TimedLoad.Finished finished = TimedLoad.run(cached, toys, plan.pairSliceMs());
        Measured s = finished.measured(FULL_CACHE.label() + ", round " + round, FULL_CACHE.label(),
            TimedLoad.counters(before, running.client().status().cache()));
        progress.accept("  round " + round + ": baseline " + summary(b));
        progress.accept("  round " + round + ": store    " + summary(s));
        baselines.add(b);
        stores.add(s);
        orderRounds.add(orderRound(running, toys, round));
      }
      BaselineComparison comparison = new BaselineComparison(baselines, stores);
      progress.accept(String.format(Locale.ROOT, "  median ratio store/baseline: %.2f", comparison.medianThroughputRatio()));
      return new Rounds(comparison, new OrderScaling(orderRounds));
    }
  }

  /** One client's cached queries, then orders only with each client count of the plan. */
  private OrderScaling.Round orderRound(Store running, ToyMix toys, int round)
      throws IOException, InterruptedException {
    LoadSettings oneClient = new LoadSettings(running.frontendUrl(), 1, 0, 0, plan.seed());
    CacheStatus before = running.client().status().cache();
    Measured queries = TimedLoad.run(oneClient, toys, plan.pairSliceMs())
        .measured(FULL_CACHE.label() + ", 1 client, round " + round, FULL_CACHE.label(),
            TimedLoad.counters(before, running.client().status().cache()));
    progress.accept("  round " + round + ": queries, 1 client: " + summary(queries));
    List<OrderScaling.ClientRun> runs = new ArrayList<>();
    for (int clients : plan.orderClients()) {
      String count = clients == 1 ? "1 client" : clients + " clients";
      Measured m = TimedLoad.run(orders(running.frontendUrl(), clients), toys, plan.pairSliceMs())
          .measured("orders, " + count + ", round " + round, FULL_CACHE.label(), null);
      progress.accept("  round " + round + ": orders, " + count + ": " + summary(m));
      runs.add(new OrderScaling.ClientRun(clients, m));
    }
    return new OrderScaling.Round(queries, runs);
  }

  /** Orders only: p=1, so every query that finds the toy in stock is followed by its order. */
  private LoadSettings orders(String url, int clients) {
    return new LoadSettings(url, clients, 1, 0, plan.seed());
  }

  private List<Measured> sweep() throws IOException, InterruptedException {
    List<Measured> sweep = new ArrayList<>();
    for (CacheSetting cache : List.of(NO_CACHE, DEFAULT_CACHE, FULL_CACHE)) {
      List<Double> probabilities = cache == FULL_CACHE ? plan.fullCacheProbabilities() : plan.probabilities();
      for (double p : probabilities) {
        sweep.add(measure(cache, p));
      }
    }
    return sweep;
  }

  private Measured measure(CacheSetting cache, double p) throws IOException, InterruptedException {
    String label = String.format(Locale.ROOT, "%s, p=%.1f", cache.label(), p);
    progress.phase("Store with " + label);
    String dir = String.format(Locale.ROOT, "sweep-%s-p%.1f", cache.label().replace(' ', '-'), p);
    try (Store running = stores.start(dir, cache.options(plan.restockIntervalMs()))) {
      StoreClient store = running.client();
      LoadSettings settings = settings(running.frontendUrl(), p);
      ToyMix toys = uniform(running);
      TimedLoad.warmUp(settings, toys, plan.warmupMs());
      CacheStatus before = store.status().cache();
      TimedLoad.Finished finished = TimedLoad.run(settings, toys, plan.measureMs());
      CacheStatus after = store.status().cache();
      Measured measured = finished.measured(label, cache.label(), TimedLoad.counters(before, after));
      progress.accept("  " + summary(measured));
      return measured;
    }
  }

  private LoadSettings settings(String url, double p) {
    return new LoadSettings(url, plan.clients(), p, 0, plan.seed());
  }

  /** Every toy the running store's catalog lists, each as likely. */
  private static ToyMix uniform(Store running) throws IOException {
    return ToyMix.uniform(LoadGenerator.catalogToys(running.frontendUrl()));
  }

  static String summary(Measured m) {
    String line = String.format(Locale.ROOT, "%.0f queries/s, query p50 %.2f ms p99 %.2f ms",
        m.perSecond(RequestType.QUERY), m.figures(RequestType.QUERY).p50Ms(), m.figures(RequestType.QUERY).p99Ms());
    if (m.figures(RequestType.ORDER).count() > 0) {
      line += String.format(Locale.ROOT, "; %.0f orders/s, order p50 %.2f ms p99 %.2f ms",
          m.perSecond(RequestType.ORDER), m.figures(RequestType.ORDER).p50Ms(), m.figures(RequestType.ORDER).p99Ms());
    }
    if (m.cacheCounters() != null) {
      line += String.format(Locale.ROOT, "; hit ratio %.0f%%", 100 * m.cacheCounters().hitRatio());
    }
    return line + "; " + m.clientVisibleErrors() + " errors";
  }

  private static BenchResults.Machine machine() {
    return new BenchResults.Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
