package toystore.order.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toystore.model.IdempotencyKey;
import toystore.model.OrderRequest;
import toystore.order.protocol.Input;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

/**
 * The catalog as the order leader sees it (CatalogStore's rules): a purchase per idempotency key,
 * never below zero, fenced by the highest epoch seen (421 for anything older), settlement of old
 * purchases made before the listing's cut-off (in milliseconds of the simulated clock, as the
 * store's). Every change is durable at once, so a crash of the catalog is only a time it is down.
 */
final class CatalogModel extends SimProcess {
  private static final class Toy {
    final String name;
    final int initial;
    int quantity;
    long version = 1;

    Toy(String name, int initial) {
      this.name = name;
      this.initial = initial;
      this.quantity = initial;
    }
  }

  /** {@code atMillis}: when it was bought, by the catalog's (simulated) clock. */
  private record Bought(String name, int quantity, long atMillis, long epoch, boolean settled) {}

  private final Scheduler scheduler;
  private final long orphanAgeMillis;
  private final Map<String, Toy> toys = new LinkedHashMap<>();
  private final Map<IdempotencyKey, Bought> purchases = new LinkedHashMap<>();
  private final String reserved;
  private long fence;

  /** {@code reserved}: a toy the clients leave alone (the liveness check orders it). */
  CatalogModel(Scheduler scheduler, long orphanAgeMillis, Map<String, Integer> stock, String reserved) {
    super(Network.CATALOG, "C");
    this.scheduler = scheduler;
    this.orphanAgeMillis = orphanAgeMillis;
    this.reserved = reserved;
    stock.forEach((name, initial) -> toys.put(name.toLowerCase(Locale.ROOT), new Toy(name, initial)));
  }

  /** What the replica that asked is told: {@link Input.Bought} or {@link Input.BuyFailed}. */
  Input buy(Purchase p) {
    if (p.epoch() < fence) {
      return new Input.BuyFailed(p, Input.CatalogFailure.DEPOSED, 421, "stale epoch: a newer order leader exists");
    }
    fence = p.epoch();
    Toy toy = toys.get(p.name().toLowerCase(Locale.ROOT));
    if (toy == null) {
      return refused(p, 404, "product not found");
    }
    Bought before = purchases.get(p.key());
    if (before != null) {
      if (!new OrderRequest(before.name(), before.quantity()).sameOrderAs(new OrderRequest(toy.name, p.quantity()))) {
        return refused(p, 422, OrderRequest.KEY_REUSED);
      }
      return new Input.Bought(p, new PurchaseResult(item(toy), true));
    }
    if (toy.quantity < p.quantity()) {
      return refused(p, 409, "not enough stock");
    }
    toy.quantity -= p.quantity();
    toy.version++;
    purchases.put(p.key(), new Bought(toy.name, p.quantity(), millis(), p.epoch(), false));
    return new Input.Bought(p, new PurchaseResult(item(toy), false));
  }

  private static Input refused(Purchase p, int status, String message) {
    return new Input.BuyFailed(p, Input.CatalogFailure.REFUSED, status, message);
  }

  Input fence(long epoch) {
    fence = Math.max(fence, epoch);
    return new Input.CatalogFenced(epoch);
  }

  private long millis() {
    return scheduler.now() / Scheduler.MILLIS;
  }

  Input unsettled() {
    long boughtBefore = millis() - orphanAgeMillis;
    List<Purchase> old = new ArrayList<>();
    purchases.forEach((key, b) -> {
      if (!b.settled() && b.atMillis() < boughtBefore && old.size() < 1000) {
        old.add(new Purchase(b.name(), b.quantity(), key, b.epoch()));
      }
    });
    return new Input.Unsettled(new Unsettled(boughtBefore, old));
  }

  /** Applies {@code s}: an orphaned key's purchase is given back only if made before the settlement's cut-off. */
  Input settle(Settlement s) {
    if (s.epoch() < fence) {
      return new Input.SettleFailed(s, Input.CatalogFailure.DEPOSED);
    }
    fence = s.epoch();
    for (IdempotencyKey key : s.ordered()) {
      purchases.computeIfPresent(key, (k, b) -> new Bought(b.name(), b.quantity(), b.atMillis(), b.epoch(), true));
    }
    for (IdempotencyKey key : s.orphaned()) {
      Bought b = purchases.get(key);
      if (b != null && !b.settled() && b.atMillis() < s.boughtBeforeMillis()) {
        Toy toy = toys.get(b.name().toLowerCase(Locale.ROOT));
        toy.quantity += b.quantity();
        toy.version++;
        purchases.remove(key);
      }
    }
    return new Input.Settled(s);
  }

  private static CatalogItem item(Toy toy) {
    return new CatalogItem(toy.name, 9.99, toy.quantity, toy.version);
  }

  /** The toys clients order. */
  List<String> toyNames() {
    return allToyNames().stream().filter(name -> !name.equals(reserved)).toList();
  }

  List<String> allToyNames() {
    return toys.values().stream().map(t -> t.name).toList();
  }

  /** initial − current for {@code toy}: what it has sold (and not given back). */
  long sold(String toy) {
    Toy t = toys.get(toy.toLowerCase(Locale.ROOT));
    return t.initial - t.quantity;
  }

  /** Each purchase still on the books, by key as the catalog's table holds it ({@link IdempotencyKey#wire()}): toy and quantity. */
  Map<String, String> purchases() {
    Map<String, String> out = new LinkedHashMap<>();
    purchases.forEach((key, b) -> out.put(key.wire(), b.quantity() + " x " + b.name()));
    return out;
  }
}
