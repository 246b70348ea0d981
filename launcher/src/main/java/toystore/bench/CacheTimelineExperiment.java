package toystore.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import toystore.client.StoreClient;
import toystore.load.LoadGenerator;
import toystore.load.LoadSettings;
import toystore.load.ToyMix;
import toystore.model.CacheStatus;
import toystore.supervisor.ServiceOptions;

/**
 * What the default cache (5 of 12 toys) holds over time under a skewed workload: Zipf over a
 * seeded popularity order for the first half, over the reverse order for the second half, so the
 * LRU has to replace its whole working set. The frontend's {@code GET /status} is sampled
 * throughout.
 */
final class CacheTimelineExperiment {
  static final double ZIPF_EXPONENT = 1.0;
  static final double ORDER_PROBABILITY = 0.05;

  private final BenchPlan plan;
  private final Stores stores;
  private final BenchProgress progress;

  CacheTimelineExperiment(BenchPlan plan, Stores stores, BenchProgress progress) {
    this.plan = plan;
    this.stores = stores;
    this.progress = progress;
  }

  CacheTimeline run() throws IOException, InterruptedException {
    long phaseMs = plan.timelineMs() / 2;
    progress.phase(String.format("Cache timeline: cache 5, Zipf s=%.1f, p=%.2f; popularity reversed after %d s",
        ZIPF_EXPONENT, ORDER_PROBABILITY, phaseMs / 1000));
    ServiceOptions options = new ServiceOptions(true, ServiceOptions.DEFAULT_CACHE_SIZE, plan.restockIntervalMs());
    try (Store running = stores.start("timeline", options)) {
      List<String> order = new ArrayList<>(LoadGenerator.catalogToys(running.frontendUrl()));
      Collections.shuffle(order, new Random(plan.seed()));
      List<String> reversed = new ArrayList<>(order);
      Collections.reverse(reversed);
      ToyMix phaseOne = ToyMix.zipf(order, ZIPF_EXPONENT);
      ToyMix phaseTwo = ToyMix.zipf(reversed, ZIPF_EXPONENT);
      StoreClient store = running.client();
      LoadSettings settings = new LoadSettings(running.frontendUrl(), plan.clients(), ORDER_PROBABILITY, 0, plan.seed());
      // Warm up on the uniform mix, so the timeline starts from a cache the skew has not yet shaped.
      TimedLoad.warmUp(settings, ToyMix.uniform(order), plan.warmupMs());
      Sampler sampler = new Sampler(store, store.status().cache(), plan.sampleMs());
      Thread sampling = new Thread(sampler, "bench-cache-sampler");
      sampling.setDaemon(true);
      sampling.start();
      List<Measured> phases = new ArrayList<>();
      try {
        phases.add(phase(store, settings, phaseOne, phaseMs, "phase 1"));
        sampler.phase = 2;
        phases.add(phase(store, settings, phaseTwo, phaseMs, "phase 2"));
      } finally {
        sampling.interrupt();
        sampling.join();
      }
      if (sampler.failure != null) {
        throw sampler.failure;
      }
      return new CacheTimeline(ServiceOptions.DEFAULT_CACHE_SIZE, ZIPF_EXPONENT, ORDER_PROBABILITY, plan.sampleMs(),
          phaseMs, order, phaseOne.probabilities(), List.copyOf(sampler.samples), phases);
    }
  }

  private Measured phase(StoreClient store, LoadSettings settings, ToyMix mix, long ms, String label)
      throws IOException, InterruptedException {
    CacheStatus before = store.status().cache();
    TimedLoad.Finished finished = TimedLoad.run(settings, mix, ms);
    Measured measured = finished.measured(label, Bench.DEFAULT_CACHE.label(),
        CacheCounters.between(before, store.status().cache()));
    progress.accept("  " + label + ": " + Bench.summary(measured));
    return measured;
  }

  /** Reads the cache every {@code sampleMs} on its own thread until interrupted. */
  private static final class Sampler implements Runnable {
    private final StoreClient store;
    private final CacheStatus start;
    private final long sampleMs;
    private final long startNanos = System.nanoTime();
    private final List<TimelineSample> samples = new CopyOnWriteArrayList<>();
    private volatile int phase = 1;
    private volatile IOException failure;

    Sampler(StoreClient store, CacheStatus start, long sampleMs) {
      this.store = store;
      this.start = start;
      this.sampleMs = sampleMs;
    }

    @Override
    public void run() {
      long next = startNanos;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          long atMs = (System.nanoTime() - startNanos) / 1_000_000;
          CacheStatus cache = store.status().cache();
          samples.add(new TimelineSample(atMs, phase, cache.keys(), cache.hits() - start.hits(),
              cache.misses() - start.misses(), cache.evictions() - start.evictions(),
              cache.invalidations() - start.invalidations()));
          next += sampleMs * 1_000_000;
          long waitMs = (next - System.nanoTime()) / 1_000_000;
          if (waitMs > 0) {
            Thread.sleep(waitMs);
          }
        }
      } catch (InterruptedException e) {
        // Asked to stop: the samples so far are the timeline.
      } catch (IOException e) {
        failure = e;
      }
    }
  }
}
