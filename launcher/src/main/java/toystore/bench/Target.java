package toystore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import toystore.load.RequestType;

/**
 * One of the performance targets, judged on a run's figures.
 *
 * @param goal the target in words
 * @param measuredOn which runs the figure compares
 * @param figure the figure reached
 */
public record Target(String goal, String measuredOn, String figure, boolean passed) {

  static final String ORDER_LATENCY = "one client's order p50 ≤ 10× its cached-query p50";
  static final String ORDER_THROUGHPUT = "orders/s with 16 clients ≥ 0.06× the bare Spark queries/s";

  /** The six targets; a target whose runs are missing is reported as missed, saying so. */
  static List<Target> judge(BenchResults results) {
    List<Target> targets = new ArrayList<>();
    Optional<Measured> full0 = run(results, Bench.FULL_CACHE, 0);
    Optional<Measured> none0 = run(results, Bench.NO_CACHE, 0);

    BaselineComparison pairs = results.baseline();
    double throughput = pairs.medianThroughputRatio();
    targets.add(new Target("cached product queries: throughput ≥ 0.9× the bare Spark baseline",
        "cache 12 (every toy cached), p=0, vs baseline; median of " + pairs.baseline().size() + " alternating rounds",
        String.format(Locale.ROOT, "%.2f×", throughput), throughput >= 0.9));

    targets.add(full0.flatMap(cached -> none0.map(uncached -> {
          double ratio = cached.figures(RequestType.QUERY).p50Ms() / uncached.figures(RequestType.QUERY).p50Ms();
          return new Target("query p50 with the cache ≤ 0.5× without it",
              "cache 12 vs no cache, p=0",
              String.format(Locale.ROOT, "%.2f× (%.2f ms vs %.2f ms)", ratio,
                  cached.figures(RequestType.QUERY).p50Ms(), uncached.figures(RequestType.QUERY).p50Ms()),
              ratio <= 0.5);
        }))
        .orElse(missing("query p50 with the cache ≤ 0.5× without it")));

    Optional<Measured> orders = run(results, Bench.FULL_CACHE, 0.8).or(() -> run(results, Bench.DEFAULT_CACHE, 0.8));
    targets.add(orders
        .map(m -> {
          double ratio = m.figures(RequestType.ORDER).p99Ms() / m.figures(RequestType.QUERY).p99Ms();
          return new Target("orders at p=0.8: order p99 < 10× the cached-query p99",
              m.cache() + ", p=0.8, both from the same run",
              String.format(Locale.ROOT, "%.1f× (%.1f ms vs %.1f ms)", ratio,
                  m.figures(RequestType.ORDER).p99Ms(), m.figures(RequestType.QUERY).p99Ms()),
              ratio < 10);
        })
        .orElse(missing("orders at p=0.8: order p99 < 10× the cached-query p99")));

    FailureRun failure = results.failure();
    targets.add(new Target("failures: zero client-visible errors, longest stall < 1 s",
        "follower and leader killed and restarted under load, p=0.8; stall = longest single request",
        String.format(Locale.ROOT, "%d errors, longest request %.0f ms", failure.errors().size(),
            failure.longestRequestMs()),
        failure.errors().isEmpty() && failure.longestRequestMs() < 1000));
    targets.addAll(orders(results));
    return targets;
  }

  /** Issue 13's order targets, on the order runs of the baseline's rounds (medians, ranges shown). */
  private static List<Target> orders(BenchResults results) {
    OrderScaling scaling = results.orderScaling();
    Optional<Spread> latency = Optional.ofNullable(scaling).flatMap(OrderScaling::orderToQueryP50);
    String rounds = scaling == null ? "" : "median (min–max) of " + scaling.rounds().size() + " rounds";
    Target orderLatency = latency
        .map(ratio -> new Target(ORDER_LATENCY,
            "1 client, orders only (p=1) vs queries (p=0), cache 12, in the baseline's rounds; " + rounds,
            ratio.format("%.1f") + "×", ratio.median() <= 10))
        .orElse(missing(ORDER_LATENCY));
    Target orderThroughput = scaling != null && scaling.clients().contains(16)
        ? throughput(scaling.toBaseline(16, results.baseline()), rounds)
        : missing(ORDER_THROUGHPUT);
    return List.of(orderLatency, orderThroughput);
  }

  private static Target throughput(Spread ratio, String rounds) {
    return new Target(ORDER_THROUGHPUT,
        "16 clients, orders only (p=1), cache 12, vs the bare Spark run of the same round; " + rounds,
        ratio.format("%.3f") + "×", ratio.median() >= 0.06);
  }

  static Optional<Measured> run(BenchResults results, Bench.CacheSetting cache, double p) {
    return results.sweep().stream()
        .filter(m -> m.cache().equals(cache.label()) && Math.abs(m.p() - p) < 1e-9)
        .findFirst();
  }

  private static Target missing(String goal) {
    return new Target(goal, "(not measured in this run)", "—", false);
  }
}
