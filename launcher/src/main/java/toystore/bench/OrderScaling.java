package toystore.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import toystore.load.RequestType;

/**
 * Orders against the HTTP stack, measured in the baseline's rounds on the same store (every toy
 * cached) so that both meet the same background load: in each round, after the baseline and the
 * cached store, one client's cached queries (p=0), then orders only (p=1: every in-stock query is
 * ordered) with each client count of the plan. Each figure is the median of the rounds, with their
 * range. Round {@code i} is compared with the baseline's round {@code i}.
 *
 * @param rounds one per baseline round, in the same order
 */
public record OrderScaling(List<Round> rounds) {
  public OrderScaling {
    rounds = List.copyOf(rounds);
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("order scaling needs at least one round");
    }
  }

  /**
   * @param singleClientQueries one client's queries to the cached store, p=0
   * @param orders one run per client count, ascending
   */
  public record Round(Measured singleClientQueries, List<ClientRun> orders) {
    public Round {
      orders = List.copyOf(orders);
    }

    Optional<Measured> orders(int clients) {
      return orders.stream().filter(r -> r.clients() == clients).map(ClientRun::run).findFirst();
    }
  }

  /** One closed-loop order run with {@code clients} clients. */
  public record ClientRun(int clients, Measured run) {}

  /** The client counts every round measured. */
  List<Integer> clients() {
    return rounds.get(0).orders().stream().map(ClientRun::clients)
        .filter(c -> rounds.stream().allMatch(r -> r.orders(c).isPresent()))
        .toList();
  }

  /** One client's order p50 over one client's cached-query p50, each round; empty without a 1-client run. */
  Optional<Spread> orderToQueryP50() {
    if (!clients().contains(1)) {
      return Optional.empty();
    }
    return Optional.of(Spread.of(rounds.stream()
        .map(r -> r.orders(1).orElseThrow().figures(RequestType.ORDER).p50Ms()
            / r.singleClientQueries().figures(RequestType.QUERY).p50Ms())
        .toList()));
  }

  Spread singleClientQueryP50() {
    return Spread.of(rounds.stream().map(r -> r.singleClientQueries().figures(RequestType.QUERY).p50Ms()).toList());
  }

  /** A figure of the runs with {@code clients} clients, each round; the client count must be measured. */
  Spread across(int clients, ToDoubleFunction<Measured> figure) {
    return Spread.of(rounds.stream().map(r -> figure.applyAsDouble(r.orders(clients).orElseThrow())).toList());
  }

  /** Orders per second with {@code clients} clients over the same round's bare Spark queries per second. */
  Spread toBaseline(int clients, BaselineComparison baseline) {
    return Spread.of(IntStream.range(0, rounds.size())
        .mapToObj(i -> rounds.get(i).orders(clients).orElseThrow().perSecond(RequestType.ORDER)
            / baseline.baseline().get(i).perSecond(RequestType.QUERY))
        .toList());
  }
}
