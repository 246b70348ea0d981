package toystore.bench;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import toystore.chaos.ChaosMonkey;
import toystore.chaos.Fault;
import toystore.chaos.FaultEvent;
import toystore.check.CheckResult;
import toystore.check.ConsistencyChecker;
import toystore.check.Violation;
import toystore.client.AgentClient;
import toystore.client.StoreClient;
import toystore.load.LoadGenerator;
import toystore.load.LoadSettings;
import toystore.load.RequestFigures;
import toystore.load.Standstill;
import toystore.load.ToyMix;
import toystore.model.Audit;
import toystore.model.CacheStatus;
import toystore.model.ReplicaStatus;
import toystore.supervisor.Cluster;
import toystore.supervisor.ServiceOptions;

/**
 * Can clients notice failures, and do the replicas end up identical? Under load (p=0.8, clients
 * that never retry), a random follower is killed and restarted, then the leader; afterwards the
 * consistency checker audits the store and reads every acknowledged order back.
 */
final class FailureExperiment {
  static final double ORDER_PROBABILITY = 0.8;

  private final BenchPlan plan;
  private final Stores stores;
  private final BenchProgress progress;

  FailureExperiment(BenchPlan plan, Stores stores, BenchProgress progress) {
    this.plan = plan;
    this.stores = stores;
    this.progress = progress;
  }

  FailureRun run() throws IOException, InterruptedException {
    progress.phase("Failure experiment: kill and restart a random follower, then the leader, under load (p=0.8)");
    ServiceOptions options = new ServiceOptions(true, ServiceOptions.DEFAULT_CACHE_SIZE, plan.restockIntervalMs());
    try (Store running = stores.start("failure", options)) {
      StoreClient store = running.client();
      AgentClient agent = running.agent();
      LoadSettings settings = new LoadSettings(running.frontendUrl(), plan.clients(), ORDER_PROBABILITY, 0, plan.seed());
      ToyMix toys = ToyMix.uniform(LoadGenerator.catalogToys(running.frontendUrl()));
      TimedLoad.warmUp(settings, toys, plan.warmupMs());

      String follower = randomFollower(running.cluster(), new Random(plan.seed()));
      long s = plan.faultSpacingMs();
      List<Fault> faults = List.of(
          new Fault(s, Fault.Action.KILL, follower),
          new Fault(2 * s, Fault.Action.RESTART, follower),
          new Fault(3 * s, Fault.Action.KILL_LEADER, null),
          new Fault(4 * s, Fault.Action.RESTART, null));
      CacheStatus before = store.status().cache();
      TimedLoad load = new TimedLoad(settings, toys).start();
      Standstill standstill = new Standstill("bench-standstill", load.generator()::iterations).start();
      TimedLoad.Finished finished;
      List<FaultEvent> events;
      try {
        events = new ChaosMonkey(agent, event -> progress.accept("  " + describe(event))).run(faults);
        Thread.sleep(s);
      } finally {
        // Stop watching first: the clients' read-back after the load is no standstill.
        standstill.close();
        finished = load.finish();
      }
      Measured measured = finished.measured("failures, p=0.8", Bench.DEFAULT_CACHE.label(),
          TimedLoad.counters(before, store.status().cache()));
      progress.accept("  " + Bench.summary(measured));

      CheckResult check = new ConsistencyChecker(agent, store).check(finished.report().orders());
      progress.accept("  " + check.verdictLine());
      List<ReplicaStatus> replicas = check.audit().replicas();
      double longestRequestMs = measured.requests().stream().mapToDouble(RequestFigures::maxMs).max().orElse(0);
      Standstill.Stall longest = standstill.longest();
      return new FailureRun(measured, finished.report().startedAtMs(), events, longestRequestMs, longest.ms(),
          longest.fromMs(), finished.report().errors(),
          check.passed(), check.verdictLine(), check.violations().stream().map(Violation::toString).toList(),
          replicas, identical(replicas));
    }
  }

  private static String randomFollower(Cluster cluster, Random random) {
    String leader = cluster.supervisor().leaderName()
        .orElseThrow(() -> new IllegalStateException("the store has no order leader"));
    List<String> followers = cluster.layout().replicaIds().stream()
        .map(ReplicaStatus::name)
        .filter(name -> !name.equals(leader))
        .toList();
    return followers.get(random.nextInt(followers.size()));
  }

  /** Every replica alive and at the same order with the same digest. */
  static boolean identical(List<ReplicaStatus> replicas) {
    return !replicas.isEmpty()
        && replicas.stream().allMatch(r -> r.alive() && r.digest() != null)
        && replicas.stream().map(r -> r.lastOrder() + "/" + r.digest()).distinct().count() == 1;
  }

  static String describe(FaultEvent event) {
    return event.what() + (event.service() != null ? " (" + event.service() + ")" : "")
        + (event.ok() ? ", took " + event.tookMs() + " ms" : ": FAILED " + event.detail());
  }
}
