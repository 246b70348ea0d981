package toystore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import toystore.chaos.FaultEvent;
import toystore.chaos.FaultKind;
import toystore.chaos.StallSummary;
import toystore.config.Replication;
import toystore.load.RequestType;
import toystore.load.Standstill;

/**
 * What one engine's store measured in the engine comparison; every figure is a {@link Spread} over
 * its rounds.
 *
 * @param rounds the order rounds (with the bare Ratis counter's runs in raft's)
 * @param failovers the failover rounds, each under a load of its own
 */
public record EngineRun(Replication engine, List<EngineRound> rounds, List<FailoverRound> failovers) {
  public EngineRun {
    rounds = List.copyOf(rounds);
    failovers = List.copyOf(failovers);
  }

  /** The client counts every round measured, ascending. */
  List<Integer> clients() {
    return rounds.isEmpty() ? List.of() : rounds.get(0).orders().stream().map(OrderScaling.ClientRun::clients)
        .filter(c -> rounds.stream().allMatch(r -> r.orders(c).isPresent()))
        .toList();
  }

  /** A figure of the order runs with {@code clients} clients, each round; empty when not measured. */
  Optional<Spread> orders(int clients, ToDoubleFunction<Measured> figure) {
    return spread(rounds.stream().map(r -> r.orders(clients)).toList(), figure);
  }

  boolean hasCounter() {
    return rounds.stream().anyMatch(r -> !r.counter().isEmpty());
  }

  /** A figure of the bare Ratis counter's runs with {@code clients} writers, each round; empty when not measured. */
  Optional<Spread> counter(int clients, ToDoubleFunction<Measured> figure) {
    return spread(rounds.stream().map(r -> r.counter(clients)).toList(), figure);
  }

  /** Orders/s with {@code clients} clients over the counter's writes/s with as many writers, each round. */
  Optional<Spread> toCounter(int clients) {
    List<Double> ratios = new ArrayList<>();
    for (EngineRound round : rounds) {
      Optional<Measured> orders = round.orders(clients);
      Optional<Measured> counter = round.counter(clients);
      if (orders.isEmpty() || counter.isEmpty() || counter.get().perSecond(RequestType.ORDER) == 0) {
        return Optional.empty();
      }
      ratios.add(orders.get().perSecond(RequestType.ORDER) / counter.get().perSecond(RequestType.ORDER));
    }
    return ratios.isEmpty() ? Optional.empty() : Optional.of(Spread.of(ratios));
  }

  /**
   * Per failover round, the longest stall while a fault of {@code kind} was in force (0 when it
   * caused none), as the chaos tools measure it ({@link StallSummary#during}); empty when no round
   * carried one out.
   */
  Optional<Spread> stallMs(FaultKind kind) {
    List<Double> stalls = new ArrayList<>();
    for (FailoverRound round : failovers) {
      List<FaultEvent> events = round.faults();
      Optional<Long> longest = Optional.empty();
      for (int i = 0; i < events.size(); i++) {
        FaultEvent fault = events.get(i);
        if (fault.action().kind() == kind && !fault.action().heals() && fault.ok()) {
          long ms = StallSummary.during(events, i, round.stalls()).map(Standstill.Stall::ms).orElse(0L);
          longest = Optional.of(Math.max(ms, longest.orElse(0L)));
        }
      }
      longest.ifPresent(ms -> stalls.add(ms.doubleValue()));
    }
    return stalls.isEmpty() ? Optional.empty() : Optional.of(Spread.of(stalls));
  }

  /** Why the leader was not cut off, when no round did. */
  Optional<String> partitionSkipped() {
    return failovers.stream().map(FailoverRound::partitionSkipped).filter(Objects::nonNull).findFirst();
  }

  /** Restart of the follower until it answered its health check, each round it succeeded. */
  Optional<Spread> restartMs() {
    return spreadOf(failovers.stream().map(FailoverRound::convergence)
        .filter(c -> c.restart().ok()).map(c -> (double) c.restart().tookMs()).toList());
  }

  /** Restart of the follower until every digest was equal, each round they became equal. */
  Optional<Spread> convergedMs() {
    return spreadOf(failovers.stream().map(FailoverRound::convergence)
        .filter(c -> c.convergedMs() != null).map(c -> c.convergedMs().doubleValue()).toList());
  }

  /** Rounds in which the replicas did not converge in time. */
  long notConverged() {
    return failovers.stream().filter(f -> f.convergence().convergedMs() == null).count();
  }

  /** Client-visible errors over every failover round. */
  long failoverErrors() {
    return failovers.stream().mapToLong(f -> f.load().clientVisibleErrors()).sum();
  }

  private static Optional<Spread> spread(List<Optional<Measured>> runs, ToDoubleFunction<Measured> figure) {
    if (runs.isEmpty() || runs.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(Spread.of(runs.stream().map(r -> figure.applyAsDouble(r.orElseThrow())).toList()));
  }

  private static Optional<Spread> spreadOf(List<Double> values) {
    return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
  }
}
