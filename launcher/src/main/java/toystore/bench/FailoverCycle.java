package toystore.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import toystore.chaos.ChaosMonkey;
import toystore.chaos.Fault;
import toystore.chaos.FaultEvent;
import toystore.chaos.PartitionSupport;
import toystore.client.AgentClient;
import toystore.load.LoadGenerator;
import toystore.load.LoadSettings;
import toystore.load.Standstill;
import toystore.load.ToyMix;
import toystore.model.ReplicaStatus;
import toystore.supervisor.Supervisor;

/**
 * One {@link FailoverRound} on a running store. Each fault is its own step of the chaos monkey
 * (the fault after a quiet spell, its heal {@code hold} later), so a slow restart never shortens
 * the next fault's quiet spell. The stalls are the chaos tools' ({@link Standstill}).
 */
final class FailoverCycle {
  static final Duration CONVERGENCE_TIMEOUT = Duration.ofSeconds(30);
  private static final long POLL_MS = 50;

  private final BenchPlan plan;
  private final BenchProgress progress;

  FailoverCycle(BenchPlan plan, BenchProgress progress) {
    this.plan = plan;
    this.progress = progress;
  }

  FailoverRound run(Store running, int round) throws IOException, InterruptedException {
    AgentClient agent = running.agent();
    Optional<String> noPartitions = PartitionSupport.refusal(agent);
    noPartitions.ifPresent(why -> progress.accept("  the leader is not cut off: partitions need root and cgroups; "
        + "the agent says " + why));
    LoadSettings settings = new LoadSettings(running.frontendUrl(), plan.clients(), FailureExperiment.ORDER_PROBABILITY,
        0, plan.seed() + round);
    ToyMix toys = ToyMix.uniform(LoadGenerator.catalogToys(running.frontendUrl()));
    ChaosMonkey monkey = new ChaosMonkey(agent, event -> progress.accept("  " + FailureExperiment.describe(event)));
    long quiet = plan.faultSpacingMs();
    long hold = plan.comparison().faultHoldMs();
    List<FaultEvent> faults = new ArrayList<>();
    TimedLoad load = new TimedLoad(settings, toys).start();
    Standstill standstill = new Standstill("engine-standstill", load.generator()::iterations).start();
    TimedLoad.Finished finished;
    FaultEvent kill;
    long lastBeforeKill;
    try {
      faults.addAll(monkey.run(List.of(new Fault(quiet, Fault.Action.KILL_LEADER, null),
          new Fault(quiet + hold, Fault.Action.RESTART, null))));
      faults.addAll(monkey.run(List.of(new Fault(quiet, Fault.Action.PAUSE_LEADER, null),
          new Fault(quiet + hold, Fault.Action.RESUME, null))));
      if (noPartitions.isEmpty()) {
        faults.addAll(monkey.run(List.of(new Fault(quiet, Fault.Action.CUT_LEADER_FROM_FOLLOWERS, null),
            new Fault(quiet + hold, Fault.Action.HEAL, null))));
      }
      Thread.sleep(quiet);
      String follower = follower(running.cluster().supervisor());
      lastBeforeKill = lastOrder(running.cluster().supervisor(), follower);
      kill = monkey.run(List.of(new Fault(0, Fault.Action.KILL, follower))).get(0);
      Thread.sleep(quiet);
    } finally {
      standstill.close();
      finished = load.finish();
    }
    Measured measured = finished.measured(running.cluster().supervisor().replication().word() + " failover, round "
        + round, Bench.FULL_CACHE.label(), null);
    progress.accept("  " + Bench.summary(measured));
    Convergence convergence = converge(running.cluster().supervisor(), monkey, kill, lastBeforeKill);
    // Whatever a failed step left behind, the next round (or the next store) starts whole.
    monkey.heal();
    return new FailoverRound(measured, finished.report().startedAtMs(), faults, standstill.stalls(),
        noPartitions.orElse(null), convergence);
  }

  /** Restarts the killed follower at rest and waits until every replica has its digest. */
  private Convergence converge(Supervisor supervisor, ChaosMonkey monkey, FaultEvent kill, long lastBeforeKill)
      throws InterruptedException {
    long last = supervisor.replicas().stream().map(Supervisor.ReplicaState::status)
        .filter(r -> r.lastOrder() != null).mapToLong(ReplicaStatus::lastOrder).max().orElse(lastBeforeKill);
    FaultEvent restart = monkey.run(List.of(new Fault(0, Fault.Action.RESTART, kill.service()))).get(0);
    long deadline = restart.atMs() + CONVERGENCE_TIMEOUT.toMillis();
    Long convergedMs = null;
    while (restart.ok() && System.currentTimeMillis() < deadline) {
      List<ReplicaStatus> replicas = supervisor.replicas().stream().map(Supervisor.ReplicaState::status).toList();
      if (FailureExperiment.identical(replicas)) {
        convergedMs = System.currentTimeMillis() - restart.atMs();
        break;
      }
      Thread.sleep(POLL_MS);
    }
    progress.accept(convergedMs == null
        ? "  the replicas' digests were not equal within " + CONVERGENCE_TIMEOUT.toSeconds() + " s of the restart"
        : "  every replica has the same digest " + convergedMs + " ms after the restart of " + kill.service()
            + " (" + (last - lastBeforeKill) + " orders behind)");
    return new Convergence(kill, restart, last - lastBeforeKill, convergedMs);
  }

  /** A follower of the leader, once there is one again after the last heal. */
  private static String follower(Supervisor supervisor) {
    String leader = supervisor.awaitLeader();
    return supervisor.replicas().stream().map(Supervisor.ReplicaState::name).filter(n -> !n.equals(leader))
        .findFirst().orElseThrow();
  }

  private static long lastOrder(Supervisor supervisor, String replica) {
    return supervisor.replicas().stream().filter(r -> r.name().equals(replica)).map(Supervisor.ReplicaState::status)
        .map(ReplicaStatus::lastOrder).filter(Objects::nonNull).findFirst().orElse(0L);
  }
}
