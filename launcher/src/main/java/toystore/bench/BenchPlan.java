package toystore.bench;

import java.util.List;

/**
 * How long and how often each experiment of {@code toystore bench} runs. {@link #full} is what
 * docs/EVALUATION.md is written from; {@link #quick} keeps every table and plot but measures
 * briefly, so the whole command takes a few minutes.
 *
 * @param name "full" or "quick"
 * @param clients concurrent load clients in every run
 * @param probabilities the order probabilities p of the latency sweep
 * @param fullCacheProbabilities the p values also run with a cache that holds every toy
 * @param warmupMs load run first on every fresh cluster and discarded (the JIT warms up)
 * @param measureMs how long each measured load runs
 * @param pairRounds rounds of the baseline comparison: each measures the baseline, then the store
 * @param pairSliceMs how long each side of a round is measured, and each of the round's order runs
 * @param orderClients the client counts of the order runs in every baseline round (see {@link OrderScaling})
 * @param restockIntervalMs the catalog's restock interval: short, so stock never runs dry at p=0.8
 * @param timelineMs the cache timeline's run, half with one popularity order and half with the reverse
 * @param sampleMs how often the timeline samples the frontend's {@code GET /status}
 * @param faultSpacingMs the pause between the failure experiment's kills and restarts
 * @param seed the clients' choices and the replica the failure experiment kills
 */
public record BenchPlan(
    String name,
    int clients,
    List<Double> probabilities,
    List<Double> fullCacheProbabilities,
    long warmupMs,
    long measureMs,
    int pairRounds,
    long pairSliceMs,
    List<Integer> orderClients,
    long restockIntervalMs,
    long timelineMs,
    long sampleMs,
    long faultSpacingMs,
    long seed) {
  private static final List<Double> PROBABILITIES = List.of(0.0, 0.2, 0.4, 0.6, 0.8);
  private static final List<Integer> ORDER_CLIENTS = List.of(1, 4, 16, 64);

  public BenchPlan {
    probabilities = List.copyOf(probabilities);
    fullCacheProbabilities = List.copyOf(fullCacheProbabilities);
    // A results.json written before the order runs existed has none.
    orderClients = orderClients == null ? List.of() : List.copyOf(orderClients);
  }

  public static BenchPlan full(long seed) {
    return new BenchPlan("full", 5, PROBABILITIES, PROBABILITIES, 5_000, 15_000, 5, 3_000, ORDER_CLIENTS, 1_000, 20_000,
        250, 3_000, seed);
  }

  public static BenchPlan quick(long seed) {
    return new BenchPlan("quick", 5, PROBABILITIES, List.of(0.0, 0.8), 1_500, 3_000, 3, 1_500, ORDER_CLIENTS, 1_000,
        8_000, 250, 2_000, seed);
  }
}
