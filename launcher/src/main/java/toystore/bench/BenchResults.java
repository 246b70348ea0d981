package toystore.bench;

import java.util.List;

/**
 * Everything one {@code toystore bench} run measured: written as {@code <out>/bench/results.json}
 * and rendered into {@code <out>/EVALUATION.md} (docs/ holds the committed run).
 *
 * @param startedAt ISO-8601 time of the start
 * @param durationMs the whole run
 * @param baseline the bare Spark endpoint against a store with every toy cached, in alternating rounds
 * @param orderScaling orders with 1 to 64 clients, in the baseline's rounds; null in a results.json
 *     written before the bench measured them
 * @param sweep one fresh store per cache configuration and p
 * @param engines the replication engines compared; null in a results.json written before the bench
 *     compared them
 */
public record BenchResults(
    String startedAt,
    long durationMs,
    Machine machine,
    BenchPlan plan,
    BaselineComparison baseline,
    OrderScaling orderScaling,
    List<Measured> sweep,
    CacheTimeline timeline,
    FailureRun failure,
    EngineComparison engines) {

  /** Where the figures came from. */
  public record Machine(int processors, String javaVersion, String javaVm, String os, double loadAverageAtStart) {}
}
