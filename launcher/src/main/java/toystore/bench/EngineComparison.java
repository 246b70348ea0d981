package toystore.bench;

import java.util.List;
import java.util.Optional;
import toystore.config.Replication;

/**
 * Issue 14's comparison of the replication engines, each on a fresh store of its own (every toy
 * cached, the catalog restocking every {@link Bench#ORDER_RESTOCK_MS} ms): orders only at each client
 * count in repeated rounds (in raft's rounds the bare Ratis counter beside them), then the leader
 * killed, paused and cut off from its followers under load, and a restarted follower's convergence.
 *
 * @param engines one per engine of the plan, in its order
 */
public record EngineComparison(List<EngineRun> engines) {
  public EngineComparison {
    engines = List.copyOf(engines);
  }

  Optional<EngineRun> engine(Replication engine) {
    return engines.stream().filter(e -> e.engine() == engine).findFirst();
  }

  /** The engine whose rounds ran the bare Ratis counter, if any did. */
  Optional<EngineRun> withCounter() {
    return engines.stream().filter(EngineRun::hasCounter).findFirst();
  }
}
