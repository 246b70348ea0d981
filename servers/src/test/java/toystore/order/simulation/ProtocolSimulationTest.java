package toystore.order.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The order protocol under the deterministic simulator (docs/DESIGN.md, "Deterministic simulation"):
 * at least 10,000 seeded schedules, each checking the invariants after every step. Properties:
 * {@code -Dtoystore.sim.seed=N} replays one seed and prints its trace; {@code -Dtoystore.sim.soak=}
 * a count ({@code 200000}) or a duration ({@code 30m}) runs longer; {@code -Dtoystore.sim.base=}
 * and {@code -Dtoystore.sim.schedules=} choose the seeds (base defaults to the UTC day, so each
 * day explores new schedules and any failure replays from its printed seed).
 */
class ProtocolSimulationTest {
  private static final int TRACE = 3000;

  static String replayCommand(long seed) {
    return "mvn -B -q -o -pl servers -am -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false"
        + " -Dtest='ProtocolSimulationTest' -Dtoystore.sim.seed=" + seed + " verify";
  }

  @Test
  void schedules() throws Exception {
    String one = System.getProperty("toystore.sim.seed");
    if (one != null) {
      replay(Long.parseLong(one.trim()));
      return;
    }
    long base = Long.getLong("toystore.sim.base", LocalDate.now(ZoneOffset.UTC).toEpochDay() * 1_000_000L);
    String soak = System.getProperty("toystore.sim.soak");
    long count = Long.getLong("toystore.sim.schedules", 10_000);
    Duration budget = Duration.ofDays(1);
    if (soak != null) {
      if (soak.matches("\\d+")) {
        count = Long.parseLong(soak);
      } else {
        count = Long.MAX_VALUE;
        budget = Duration.parse("PT" + soak.toUpperCase());
      }
    }
    run(base, count, budget);
  }

  private void run(long base, long count, Duration budget) throws Exception {
    int threads = Integer.getInteger("toystore.sim.threads", Math.min(2, Runtime.getRuntime().availableProcessors()));
    long started = System.nanoTime();
    long stopAt = started + budget.toNanos();
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    AtomicLong steps = new AtomicLong();
    AtomicLong acknowledged = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        long i;
        while (failure.get() == null && (i = next.getAndIncrement()) < count && System.nanoTime() < stopAt) {
          long seed = base + i;
          Simulation simulation = new Simulation(seed, TRACE);
          try {
            Simulation.Result r = simulation.run();
            steps.addAndGet(r.steps());
            acknowledged.addAndGet(r.acknowledged());
            done.incrementAndGet();
          } catch (SimulationFailure f) {
            String report = simulation.report(f, replayCommand(seed), TRACE);
            if (failure.compareAndSet(null, report)) {
              System.out.println(report);
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    long millis = (System.nanoTime() - started) / 1_000_000;
    String summary = String.format("protocol simulation: %d schedules from base seed %d in %.1f s (%d threads),"
            + " %d steps, %d orders acknowledged", done.get(), base, millis / 1000.0, threads, steps.get(),
        acknowledged.get());
    System.out.println(summary);
    System.err.println(summary);
    if (failure.get() != null) {
      String report = failure.get();
      String head = String.join("\n", report.lines().limit(4).toList());
      List<String> lines = report.lines().toList();
      throw new AssertionError(head + "\n… last events:\n"
          + String.join("\n", lines.subList(Math.max(4, lines.size() - 60), lines.size())));
    }
    assertThat(done.get()).isEqualTo(count == Long.MAX_VALUE ? done.get() : count);
  }

  private void replay(long seed) {
    Simulation simulation = new Simulation(seed, TRACE * 10);
    try {
      Simulation.Result r = simulation.run();
      System.out.println("seed " + seed + " passed: " + r);
      System.out.println(simulation.report(null, replayCommand(seed), TRACE * 10));
    } catch (SimulationFailure f) {
      String report = simulation.report(f, replayCommand(seed), TRACE * 10);
      System.out.println(report);
      throw new AssertionError(String.join("\n", report.lines().limit(4).toList()) + "\n(full trace in the test output)");
    }
  }

  @Test
  void aSeedReplaysExactly() {
    long seed = 42;
    Simulation.Result first = new Simulation(seed, 100).run();
    Simulation.Result second = new Simulation(seed, 100).run();
    assertThat(second).isEqualTo(first);
  }
}
