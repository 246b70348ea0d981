package toystore.bench;

import java.util.List;
import toystore.config.Replication;

/**
 * How {@link EngineComparison} runs: part of {@link BenchPlan}.
 *
 * @param engines the replication engines compared, in this order; the first also runs every other experiment
 * @param clients the client counts of each engine's order runs, in each of the plan's {@code pairRounds}
 * @param failoverRounds how often each engine's leader is killed, paused and cut off, each round under a load of its own
 * @param faultHoldMs how long a killed, paused or cut-off leader stays so: past Raft's longest election timeout
 */
public record EnginePlan(List<Replication> engines, List<Integer> clients, int failoverRounds, long faultHoldMs) {
  /** What a results.json written before the comparison ran. */
  static final EnginePlan NONE = new EnginePlan(List.of(), List.of(), 0, 0);

  public EnginePlan {
    engines = List.copyOf(engines);
    clients = List.copyOf(clients);
  }

  EnginePlan withEngines(List<Replication> compared) {
    return new EnginePlan(compared, clients, failoverRounds, faultHoldMs);
  }
}
