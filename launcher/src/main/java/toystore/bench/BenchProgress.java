package toystore.bench;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bench's progress lines. The first line of each phase (the baseline, every point of the sweep,
 * the cache timeline, the failure experiment, each engine's orders and failovers) says which phase of how many it is and the time so
 * far; the lines within a phase are passed on as they are.
 */
final class BenchProgress implements Consumer<String> {
  private final Consumer<String> out;
  private final int phases;
  private final LongSupplier clockMs;
  private final long startMs;
  private int phase;

  BenchProgress(Consumer<String> out, BenchPlan plan, LongSupplier clockMs) {
    this.out = out;
    this.phases = phases(plan);
    this.clockMs = clockMs;
    this.startMs = clockMs.getAsLong();
  }

  /**
   * The baseline, one fresh store per point of the sweep, the cache timeline, the failure experiment,
   * and two per compared engine (its orders, its failovers).
   */
  static int phases(BenchPlan plan) {
    return 1 + 2 * plan.probabilities().size() + plan.fullCacheProbabilities().size() + 2 + 2 * plan.comparison().engines().size();
  }

  /** The first line of the next phase, e.g. {@code [3/15, 1:05] Store with no cache, p=0.4}. */
  void phase(String line) {
    phase++;
    long seconds = (clockMs.getAsLong() - startMs) / 1000;
    out.accept(String.format(Locale.ROOT, "[%d/%d, %d:%02d] %s", phase, phases, seconds / 60, seconds % 60, line));
  }

  /** A line within the current phase. */
  @Override
  public void accept(String line) {
    out.accept(line);
  }
}
