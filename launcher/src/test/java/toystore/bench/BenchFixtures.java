package toystore.bench;

import java.util.ArrayList;
import java.util.List;
import toystore.chaos.Fault;
import toystore.chaos.FaultEvent;
import toystore.load.ClientError;
import toystore.load.RequestFigures;
import toystore.load.RequestType;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.State;

/** Canned benchmark results, shaped like a quick run's, to test the report without running stores. */
final class BenchFixtures {
  private BenchFixtures() {}

  static Measured run(String label, String cache, double p, double queryP50, double queryP99, double orderP99,
      long queries, CacheCounters counters) {
    long orders = p == 0 ? 0 : queries / 2;
    return new Measured(label, cache, p, 1.5, 3000, queries, 0, 0, 0, (int) orders, 0,
        List.of(
            new RequestFigures(RequestType.QUERY, queries, 0, 0, queries / 3.0, queryP50, queryP50, queryP99,
                queryP99, queryP99, queryP99),
            new RequestFigures(RequestType.ORDER, orders, 0, 0, orders / 3.0, orderP99 / 3, orderP99 / 3,
                orderP99, orderP99, orderP99, orderP99),
            new RequestFigures(RequestType.LOOKUP, orders, 0, 0, orders / 3.0, 1, 1, 2, 3, 3, 3)),
        counters);
  }

  /**
   * @param cachedQueries the cached store's queries per second in the baseline rounds (the baseline
   *     does 9000 and 9300)
   * @param failureErrors client-visible errors of the failure experiment */
  static BenchResults results(double cachedQueries, List<ClientError> failureErrors) {
    return results(cachedQueries, failureErrors, false);
  }

  /**
   * Order runs of two rounds with 1, 4, 16 and 64 clients: one client's order p50 1.5 ms (7.5× its
   * cached-query p50 of 0.2 ms) and 1000 orders/s with 16 clients (0.11× the baseline), or, when
   * {@code slowOrders}, 10 ms (50×) and 200 orders/s (0.022×): both order targets missed.
   */
  static OrderScaling orderScaling(boolean slowOrders) {
    List<OrderScaling.Round> rounds = new ArrayList<>();
    for (int round = 1; round <= 2; round++) {
      Measured queries = run("cache 12, 1 client, round " + round, Bench.FULL_CACHE.label(), 0, 0.2, 0.5, 0, 6000,
          new CacheCounters(2000, 0, 0, 0));
      List<OrderScaling.ClientRun> runs = new ArrayList<>();
      for (int clients : List.of(1, 4, 16, 64)) {
        double orderP99 = (slowOrders ? 30 : 4.5) * clients;
        long perThreeSeconds = (slowOrders ? 1200 : 6000) * Math.min(clients, 16) / 16 + 100L * round;
        runs.add(new OrderScaling.ClientRun(clients, run("orders, " + clients + (clients == 1 ? " client" : " clients") + ", round " + round,
            Bench.FULL_CACHE.label(), 1, 0.3, 1, orderP99, perThreeSeconds, null)));
      }
      rounds.add(new OrderScaling.Round(queries, runs));
    }
    return new OrderScaling(rounds);
  }

  static BenchResults results(double cachedQueries, List<ClientError> failureErrors, boolean slowOrders) {
    List<Measured> sweep = new ArrayList<>();
    for (double p : List.of(0.0, 0.2, 0.4, 0.6, 0.8)) {
      sweep.add(run("no cache, p=" + p, Bench.NO_CACHE.label(), p, 6 + 10 * p, 50, 150, 1800,
          null));
      sweep.add(run("cache 5, p=" + p, Bench.DEFAULT_CACHE.label(), p, 3 + 10 * p, 40, 140, 3000,
          new CacheCounters(400, 600, 500, (long) (100 * p))));
    }
    sweep.add(run("cache 12, p=0.0", Bench.FULL_CACHE.label(), 0, 0.2, 2.5, 0, (long) cachedQueries * 3,
        new CacheCounters(9000, 12, 0, 0)));
    sweep.add(run("cache 12, p=0.8", Bench.FULL_CACHE.label(), 0.8, 8, 40, 145, 200,
        new CacheCounters(50, 150, 0, 140)));
    BaselineComparison baseline = new BaselineComparison(
        List.of(run("bare Spark, round 1", Bench.BASELINE, 0, 0.3, 5, 0, 27_000, null),
            run("bare Spark, round 2", Bench.BASELINE, 0, 0.3, 5, 0, 27_900, null)),
        List.of(run("cache 12, round 1", Bench.FULL_CACHE.label(), 0, 0.4, 6, 0, (long) cachedQueries * 3,
                new CacheCounters(9000, 0, 0, 0)),
            run("cache 12, round 2", Bench.FULL_CACHE.label(), 0, 0.4, 6, 0, (long) cachedQueries * 3,
                new CacheCounters(9000, 0, 0, 0))));
    List<String> order = List.of("Tux", "Whale", "Fox", "Lego", "Python", "Dolphin", "Barbie", "Elephant",
        "Frisbee", "Marbles", "Slinky", "Yo-Yo");
    List<TimelineSample> samples = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      List<String> keys = i < 8 ? order.subList(0, 5) : order.subList(7, 12);
      samples.add(new TimelineSample(i * 250L, i < 8 ? 1 : 2, keys, 10L * i, 5L * i, 2L * i, i));
    }
    CacheTimeline timeline = new CacheTimeline(5, 1.0, 0.05, 250, 2000, order,
        List.of(0.32, 0.16, 0.11, 0.08, 0.06, 0.05, 0.05, 0.04, 0.04, 0.03, 0.03, 0.03), samples,
        List.of(run("phase 1", "cache 5", 0.05, 2, 20, 100, 1000, new CacheCounters(700, 300, 100, 10)),
            run("phase 2", "cache 5", 0.05, 2, 20, 100, 1000, new CacheCounters(650, 350, 120, 12))));
    List<ReplicaStatus> replicas = List.of(
        new ReplicaStatus(1, "order-1", "http://127.0.0.1:25003", true, State.UP, Role.FOLLOWER, 940L, "3b61fbd91bc54e54aa"),
        new ReplicaStatus(2, "order-2", "http://127.0.0.1:25004", true, State.UP, Role.LEADER, 940L, "3b61fbd91bc54e54aa"),
        new ReplicaStatus(3, "order-3", "http://127.0.0.1:25005", true, State.UP, Role.FOLLOWER, 940L, "3b61fbd91bc54e54aa"));
    FailureRun failure = new FailureRun(
        run("failures, p=0.8", "cache 5", 0.8, 5, 43, 295, 300, new CacheCounters(100, 200, 50, 150)), 0,
        List.of(new FaultEvent(1_000, Fault.Action.KILL, "kill order-2", "order-2", true, "", 143),
            new FaultEvent(3_000, Fault.Action.RESTART, "restart order-2", "order-2", true, "", 2791),
            new FaultEvent(5_800, Fault.Action.KILL_LEADER, "kill the order leader", "order-3", true, "", 42),
            new FaultEvent(7_000, Fault.Action.RESTART, "restart the killed leader", "order-3", true, "", 2754)),
        428, 383, 5_900, failureErrors, failureErrors.isEmpty(), "CHECK PASSED: canned", List.of(), replicas,
        FailureExperiment.identical(replicas));
    return new BenchResults("2026-01-01T00:00:00Z", 170_000,
        new BenchResults.Machine(2, "17.0.15", "OpenJDK", "Linux", 3.5), BenchPlan.quick(42), baseline,
        orderScaling(slowOrders), sweep,
        timeline, failure, EngineFixtures.comparison(true));
  }
}
