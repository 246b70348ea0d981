package toystore.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import toystore.config.Replication;
import toystore.load.LoadGenerator;
import toystore.load.LoadSettings;
import toystore.load.ToyMix;

/**
 * The engine comparison ({@link EngineComparison}): for each engine of the plan a fresh store, its
 * order rounds, then its failover rounds. Beside the raft store the bare Ratis counter is started
 * once, warmed up, and run after each of raft's order runs with as many writers, then stopped
 * before the faults (its three JVMs would otherwise compete with the store's failover).
 */
final class EngineExperiment {
  private final BenchPlan plan;
  private final Stores stores;
  private final BenchProgress progress;

  EngineExperiment(BenchPlan plan, Stores stores, BenchProgress progress) {
    this.plan = plan;
    this.stores = stores;
    this.progress = progress;
  }

  EngineComparison run() throws IOException, InterruptedException {
    List<EngineRun> engines = new ArrayList<>();
    for (Replication engine : plan.comparison().engines()) {
      engines.add(run(engine));
    }
    return new EngineComparison(engines);
  }

  private EngineRun run(Replication engine) throws IOException, InterruptedException {
    String name = engine.word();
    progress.phase("Engine " + name + ": orders only (p=1) with " + plan.comparison().clients() + " clients in "
        + plan.pairRounds() + " rounds" + (engine == Replication.RAFT ? ", each beside the bare Ratis counter" : ""));
    try (Store running = stores.start("engine-" + name, Bench.FULL_CACHE.options(Bench.ORDER_RESTOCK_MS), engine)) {
      List<EngineRound> rounds = orderRounds(engine, running);
      progress.phase("Engine " + name + ": the leader killed, paused and cut off from its followers under load (p=0.8), "
          + "then a follower's restart, in " + plan.comparison().failoverRounds() + " round(s)");
      FailoverCycle cycle = new FailoverCycle(plan, progress);
      List<FailoverRound> failovers = new ArrayList<>();
      for (int round = 1; round <= plan.comparison().failoverRounds(); round++) {
        failovers.add(cycle.run(running, round));
      }
      return new EngineRun(engine, rounds, failovers);
    }
  }

  private List<EngineRound> orderRounds(Replication engine, Store running) throws IOException, InterruptedException {
    ToyMix toys = ToyMix.uniform(LoadGenerator.catalogToys(running.frontendUrl()));
    int most = Collections.max(plan.comparison().clients());
    TimedLoad.warmUp(orders(running, most), toys, plan.warmupMs());
    try (RatisCounterBaseline counter = engine == Replication.RAFT
        ? RatisCounterBaseline.start(stores.java(), stores.firstFreePort(), stores.workDir().resolve("ratis-counter"),
            progress)
        : null) {
      if (counter != null) {
        counter.warmUp(most, plan.warmupMs());
      }
      List<EngineRound> rounds = new ArrayList<>();
      for (int round = 1; round <= plan.pairRounds(); round++) {
        List<OrderScaling.ClientRun> orders = new ArrayList<>();
        List<OrderScaling.ClientRun> counted = new ArrayList<>();
        for (int clients : plan.comparison().clients()) {
          String count = clients == 1 ? "1 client" : clients + " clients";
          Measured m = TimedLoad.run(orders(running, clients), toys, plan.pairSliceMs())
              .measured(engine.word() + " orders, " + count + ", round " + round, Bench.FULL_CACHE.label(), null);
          progress.accept("  round " + round + ": " + engine.word() + " orders, " + count + ": " + Bench.summary(m));
          orders.add(new OrderScaling.ClientRun(clients, m));
          if (counter != null) {
            Measured c = counter.run(clients, plan.pairSliceMs()).labelled(
                RatisCounterBaseline.ENGINE + ", " + count + ", round " + round);
            progress.accept("  round " + round + ": " + c.label() + ": " + RatisCounterBaseline.summary(c));
            counted.add(new OrderScaling.ClientRun(clients, c));
          }
        }
        rounds.add(new EngineRound(orders, counted));
      }
      return rounds;
    }
  }

  /** Orders only: p=1, so every query that finds the toy in stock is followed by its order. */
  private LoadSettings orders(Store running, int clients) {
    return new LoadSettings(running.frontendUrl(), clients, 1, 0, plan.seed());
  }
}
