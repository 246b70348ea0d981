package toystore.bench;

import java.util.List;
import toystore.chaos.FaultEvent;
import toystore.load.Standstill;

/**
 * One round of an engine's failover faults under one load (p=0.8, clients that never retry): the
 * leader killed and restarted, paused past the election timeout and resumed, cut off from its
 * followers and healed, each after a quiet spell; then a follower's {@link Convergence}.
 *
 * @param load the load's figures (its errors are what the clients saw)
 * @param loadStartedAtMs when the load started, epoch milliseconds
 * @param faults every fault and heal, in order (the convergence's are in {@code convergence})
 * @param stalls every stretch in which no client finished an iteration ({@link Standstill})
 * @param partitionSkipped why the leader was not cut off (the agent cannot make partitions), else null
 */
public record FailoverRound(
    Measured load,
    long loadStartedAtMs,
    List<FaultEvent> faults,
    List<Standstill.Stall> stalls,
    String partitionSkipped,
    Convergence convergence) {
  public FailoverRound {
    faults = List.copyOf(faults);
    stalls = List.copyOf(stalls);
  }
}
