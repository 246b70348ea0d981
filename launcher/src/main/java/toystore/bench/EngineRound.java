package toystore.bench;

import java.util.List;
import java.util.Optional;

/**
 * One round of an engine's order runs: orders only (p=1) with each client count, and in a raft
 * round right after each the bare Ratis counter with as many writers, so both meet the same
 * background load.
 *
 * @param orders one closed-loop order run per client count, ascending
 * @param counter the counter's run per client count; empty in a round without it
 */
public record EngineRound(List<OrderScaling.ClientRun> orders, List<OrderScaling.ClientRun> counter) {
  public EngineRound {
    orders = List.copyOf(orders);
    counter = List.copyOf(counter);
  }

  Optional<Measured> orders(int clients) {
    return find(orders, clients);
  }

  Optional<Measured> counter(int clients) {
    return find(counter, clients);
  }

  private static Optional<Measured> find(List<OrderScaling.ClientRun> runs, int clients) {
    return runs.stream().filter(r -> r.clients() == clients).map(OrderScaling.ClientRun::run).findFirst();
  }
}
