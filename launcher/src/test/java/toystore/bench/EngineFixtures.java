package toystore.bench;

import java.util.ArrayList;
import java.util.List;
import toystore.chaos.Fault;
import toystore.chaos.FaultEvent;
import toystore.config.Replication;
import toystore.load.RequestFigures;
import toystore.load.RequestType;
import toystore.load.Standstill;

/**
 * A canned engine comparison: three order rounds per engine with 1, 4 and 16 clients (lab 100·c +
 * 10·round orders/s, raft 50·c + 10·round, the counter beside raft 60·c + 10·round writes/s), and
 * two failover rounds per engine (lab's kill stalls 400 and 500 ms, raft's 2900 and 3000 ms).
 */
final class EngineFixtures {
  private EngineFixtures() {}

  /** @param partitions whether the agent could cut the leader off; if not, every round says why */
  static EngineComparison comparison(boolean partitions) {
    List<EngineRun> engines = new ArrayList<>();
    for (Replication engine : BenchPlan.BOTH_ENGINES) {
      boolean raft = engine == Replication.RAFT;
      List<EngineRound> rounds = new ArrayList<>();
      for (int round = 1; round <= 3; round++) {
        List<OrderScaling.ClientRun> orders = new ArrayList<>();
        List<OrderScaling.ClientRun> counter = new ArrayList<>();
        for (int clients : List.of(1, 4, 16)) {
          String label = engine.word() + " orders, " + clients + " clients, round " + round;
          orders.add(new OrderScaling.ClientRun(clients,
              orders(label, (raft ? 50 : 100) * clients + 10 * round, (raft ? 6 : 3) * clients)));
          if (raft) {
            counter.add(new OrderScaling.ClientRun(clients,
                counter(RatisCounterBaseline.ENGINE + ", " + clients + " clients, round " + round, 60 * clients + 10 * round)));
          }
        }
        rounds.add(new EngineRound(orders, counter));
      }
      List<FailoverRound> failovers = new ArrayList<>();
      for (int round = 1; round <= 2; round++) {
        failovers.add(failover(engine, round, partitions));
      }
      engines.add(new EngineRun(engine, rounds, failovers));
    }
    return new EngineComparison(engines);
  }

  /** {@code perSecond} orders a second over 3 s, order p50 a third of {@code p99}. */
  private static Measured orders(String label, double perSecond, double p99) {
    return BenchFixtures.run(label, Bench.FULL_CACHE.label(), 1, 0.3, 1, p99, (long) (perSecond * 6), null);
  }

  private static Measured counter(String label, double perSecond) {
    long writes = (long) (perSecond * 3);
    return new Measured(label, RatisCounterBaseline.ENGINE, 1, 1.5, 3000, writes, 0, 0, 0, (int) writes, 0,
        List.of(new RequestFigures(RequestType.ORDER, writes, 0, 0, perSecond, 9, 9, 12, 30, 40, 50)), null);
  }

  private static FailoverRound failover(Replication engine, int round, boolean partitions) {
    boolean raft = engine == Replication.RAFT;
    List<FaultEvent> faults = new ArrayList<>(List.of(
        new FaultEvent(2_000, Fault.Action.KILL_LEADER, "kill the order leader", "order-3", true, "", 40),
        new FaultEvent(5_000, Fault.Action.RESTART, "restart the killed leader", "order-3", true, "", 3_000),
        new FaultEvent(10_000, Fault.Action.PAUSE_LEADER, "pause the order leader", "order-2", true, "", 10),
        new FaultEvent(13_000, Fault.Action.RESUME, "resume the paused leader", "order-2", true, "", 10)));
    List<Standstill.Stall> stalls = new ArrayList<>(List.of(
        new Standstill.Stall(2_010, (raft ? 2_800 : 300) + 100L * round),
        new Standstill.Stall(10_005, raft ? 3_100 : 500)));
    if (partitions) {
      faults.add(new FaultEvent(15_000, Fault.Action.CUT_LEADER_FROM_FOLLOWERS, "cut the order leader off from its followers",
          "order-1", true, "", 30));
      faults.add(new FaultEvent(18_000, Fault.Action.HEAL, "heal the partition", "order-1", true, "", 20));
      stalls.add(new Standstill.Stall(15_010, raft ? 3_300 : 700));
    }
    Convergence convergence = new Convergence(
        new FaultEvent(20_000, Fault.Action.KILL, "kill order-2", "order-2", true, "", 30),
        new FaultEvent(23_000, Fault.Action.RESTART, "restart order-2", "order-2", true, "", 2_500),
        120, (raft ? 1_800L : 2_600L) + 100 * round);
    return new FailoverRound(BenchFixtures.run(engine.word() + " failover, round " + round, Bench.FULL_CACHE.label(), 0.8,
            0.5, 5, 300, 3000, null),
        0, faults, stalls, partitions ? null : "partitions need root: not root (HTTP 501)", convergence);
  }
}
