package toystore.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import toystore.load.AckedOrder;
import toystore.model.Audit;
import toystore.model.IdempotencyKey;
import toystore.model.InvalidRequestException;
import toystore.model.ReplicaStatus;

/** The checker's rules over one audit and the orders a load run saw acknowledged; no I/O. */
public final class ConsistencyRules {
  private ConsistencyRules() {}

  public static List<Violation> check(Audit audit, List<AckedOrder> acknowledged) {
    List<Violation> violations = new ArrayList<>();
    violations.addAll(numbering(audit.orders()));
    violations.addAll(exactlyOnce(audit.orders()));
    violations.addAll(acknowledged(audit.orders(), acknowledged));
    violations.addAll(stock(audit.catalog(), audit.orders()));
    violations.addAll(replicas(audit.replicas(), audit.orders()));
    return violations;
  }

  /** Committed numbers are exactly 1..N. */
  public static List<Violation> numbering(List<Audit.CommittedOrder> orders) {
    List<Violation> violations = new ArrayList<>();
    List<Long> numbers = orders.stream().map(Audit.CommittedOrder::number).sorted().toList();
    long expected = 1;
    for (int i = 0; i < numbers.size(); i++) {
      long number = numbers.get(i);
      if (i > 0 && number == numbers.get(i - 1)) {
        violations.add(new Violation(Violation.Kind.NUMBERING, "order number " + number + " is committed twice"));
      } else if (number != expected) {
        violations.add(
            new Violation(
                Violation.Kind.NUMBERING,
                number < expected
                    ? "order number " + number + " is out of range"
                    : "order numbers skip from " + (expected - 1) + " to " + number));
        expected = number + 1;
      } else {
        expected++;
      }
    }
    return violations;
  }

  /** No idempotency key bought twice. */
  public static List<Violation> exactlyOnce(List<Audit.CommittedOrder> orders) {
    Map<String, List<Long>> numbersByKey =
        orders.stream()
            .filter(o -> o.key() != null)
            .collect(Collectors.groupingBy(Audit.CommittedOrder::key, Collectors.mapping(Audit.CommittedOrder::number, Collectors.toList())));
    return numbersByKey.entrySet().stream()
        .filter(e -> e.getValue().size() > 1)
        .map(e -> new Violation(Violation.Kind.EXACTLY_ONCE, "key " + e.getKey() + " bought " + e.getValue().size() + " times: orders " + e.getValue()))
        .toList();
  }

  /** Every acknowledged order is committed as acknowledged. */
  public static List<Violation> acknowledged(List<Audit.CommittedOrder> committed, List<AckedOrder> acknowledged) {
    Map<Long, Audit.CommittedOrder> byNumber = new HashMap<>();
    committed.forEach(o -> byNumber.putIfAbsent(o.number(), o));
    List<Violation> violations = new ArrayList<>();
    for (AckedOrder acked : acknowledged) {
      Audit.CommittedOrder order = byNumber.get(acked.number());
      String which = "order " + acked.number() + " (key " + acked.key() + ")";
      if (order == null) {
        violations.add(new Violation(Violation.Kind.ACKNOWLEDGED_ORDER, which + " was acknowledged but is not committed"));
      } else if (!order.name().equals(acked.name()) || order.quantity() != acked.quantity()) {
        violations.add(
            new Violation(
                Violation.Kind.ACKNOWLEDGED_ORDER,
                which + " was acknowledged as " + acked.quantity() + " x " + acked.name()
                    + " but is committed as " + order.quantity() + " x " + order.name()));
      } else if (order.key() != null && acked.key() != null && !committedUnder(acked.key(), order)) {
        violations.add(
            new Violation(
                Violation.Kind.ACKNOWLEDGED_ORDER, which + " is committed under another key, " + order.key()));
      }
    }
    return violations;
  }

  /** For every toy: initial + restocked − sold = quantity ≥ 0, and sold = Σ committed quantities. */
  public static List<Violation> stock(List<Audit.Toy> catalog, List<Audit.CommittedOrder> orders) {
    Map<String, Long> ordered =
        orders.stream().collect(Collectors.groupingBy(Audit.CommittedOrder::name, Collectors.summingLong(Audit.CommittedOrder::quantity)));
    List<Violation> violations = new ArrayList<>();
    for (Audit.Toy toy : catalog) {
      long expected = toy.initial() + toy.restocked() - toy.sold();
      if (expected != toy.quantity()) {
        violations.add(
            new Violation(
                Violation.Kind.STOCK,
                toy.name() + ": initial " + toy.initial() + " + restocked " + toy.restocked() + " - sold " + toy.sold()
                    + " = " + expected + ", but the stock is " + toy.quantity()));
      }
      if (toy.quantity() < 0) {
        violations.add(new Violation(Violation.Kind.STOCK, toy.name() + ": the stock is negative (" + toy.quantity() + ")"));
      }
      long committed = ordered.getOrDefault(toy.name(), 0L);
      if (toy.sold() != committed) {
        violations.add(
            new Violation(
                Violation.Kind.STOCK,
                toy.name() + ": the catalog sold " + toy.sold() + ", the committed orders hold " + committed));
      }
    }
    ordered.keySet().stream()
        .filter(name -> catalog.stream().noneMatch(t -> t.name().equals(name)))
        .sorted()
        .forEach(name -> violations.add(new Violation(Violation.Kind.STOCK, "committed orders name " + name + ", which is not in the catalog")));
    return violations;
  }

  /** Every live replica holds every committed order, and they all hold the same log. */
  public static List<Violation> replicas(List<ReplicaStatus> replicas, List<Audit.CommittedOrder> orders) {
    List<ReplicaStatus> live = replicas.stream().filter(ReplicaStatus::alive).toList();
    if (live.isEmpty()) {
      return List.of(new Violation(Violation.Kind.REPLICAS, "order replicas: none is alive"));
    }
    long committed = orders.stream().mapToLong(Audit.CommittedOrder::number).max().orElse(0);
    List<Violation> violations = new ArrayList<>();
    for (ReplicaStatus replica : live) {
      if (!Objects.equals(replica.lastOrder(), committed)) {
        violations.add(
            new Violation(
                Violation.Kind.REPLICAS,
                replica.name() + ": at order " + replica.lastOrder() + ", the committed log ends at " + committed));
      }
    }
    if (live.stream().map(ReplicaStatus::digest).distinct().count() > 1) {
      violations.add(
          new Violation(
              Violation.Kind.REPLICAS,
              "digests: the live replicas differ ("
                  + live.stream().map(r -> r.name() + "=" + r.digest()).collect(Collectors.joining(", ")) + ")"));
    } else if (live.get(0).digest() == null) {
      violations.add(new Violation(Violation.Kind.REPLICAS, "digests: the live replicas report none"));
    }
    return violations;
  }

  /**
   * Whether {@code order} was committed under the client's {@code key}: as the frontend namespaces
   * it ({@link IdempotencyKey#wire()}), or bare in a store that keeps its own spelling. Any other
   * key, or one no client could have sent (a hand-edited run file), reports the order.
   */
  private static boolean committedUnder(String key, Audit.CommittedOrder order) {
    try {
      return order.key().equals(key) || IdempotencyKey.client(key).wire().equals(order.key());
    } catch (InvalidRequestException notAClientKey) {
      return false;
    }
  }
}
