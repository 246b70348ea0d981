package toystore.bench;

import java.util.List;
import toystore.config.Replication;

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
 * @param comparison how the engines are compared ({@link EngineComparison})
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
    long seed,
    EnginePlan comparison) {
  private static final List<Double> PROBABILITIES = List.of(0.0, 0.2, 0.4, 0.6, 0.8);
  private static final List<Integer> ORDER_CLIENTS = List.of(1, 4, 16, 64);
  private static final List<Integer> ENGINE_CLIENTS = List.of(1, 4, 16);
  /** Both engines: what {@code toystore bench} compares unless {@code --replication} picks one. */
  public static final List<Replication> BOTH_ENGINES = List.of(Replication.LAB, Replication.RAFT);

  public BenchPlan {
    probabilities = List.copyOf(probabilities);
    fullCacheProbabilities = List.copyOf(fullCacheProbabilities);
    // A results.json written before the order runs existed has none.
    orderClients = orderClients == null ? List.of() : List.copyOf(orderClients);
    // Nor one written before the engine comparison.
    comparison = comparison == null ? EnginePlan.NONE : comparison;
  }

  /** The engine that runs the baseline, the sweep, the cache timeline and the failure experiment. */
  Replication mainEngine() {
    return comparison.engines().isEmpty() ? Replication.LAB : comparison.engines().get(0);
  }

  /** This plan comparing {@code compared} instead. */
  public BenchPlan withEngines(List<Replication> compared) {
    return new BenchPlan(name, clients, probabilities, fullCacheProbabilities, warmupMs, measureMs, pairRounds,
        pairSliceMs, orderClients, restockIntervalMs, timelineMs, sampleMs, faultSpacingMs, seed,
        comparison.withEngines(compared));
  }

  public static BenchPlan full(long seed) {
    return new BenchPlan("full", 5, PROBABILITIES, PROBABILITIES, 5_000, 15_000, 5, 3_000, ORDER_CLIENTS, 1_000, 20_000,
        250, 3_000, seed, new EnginePlan(BOTH_ENGINES, ENGINE_CLIENTS, 3, 4_000));
  }

  public static BenchPlan quick(long seed) {
    return new BenchPlan("quick", 5, PROBABILITIES, List.of(0.0, 0.8), 1_500, 3_000, 3, 1_500, ORDER_CLIENTS, 1_000,
        8_000, 250, 2_000, seed, new EnginePlan(BOTH_ENGINES, ENGINE_CLIENTS, 1, 3_000));
  }
}
