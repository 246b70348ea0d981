package toystore.order.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import toystore.catalog.Purchase;
import toystore.catalog.Settlement;

/**
 * Stock conservation when buyers give up: old purchases whose key is committed are settled; those
 * whose key is nowhere in the log (nor in flight) get their stock back. One round at a time.
 */
final class Reconciliation {
  /** Keys whose purchase is being settled with the catalog: an order for one waits until it is done. */
  private final Set<String> settling = new HashSet<>();
  /**
   * A settlement whose reply never came: it may or may not have been applied, so its keys stay
   * blocked and it is sent again (it is idempotent) before anything else is settled.
   */
  Settlement unconfirmed;
  /** The settlement sent and not answered yet. */
  Settlement sending;
  boolean listing;
  long nextAt;

  Reconciliation(long nextAt) {
    this.nextAt = nextAt;
  }

  boolean busy() {
    return listing || sending != null;
  }

  boolean settling(String key) {
    return settling.contains(key);
  }

  /**
   * Sorts old purchases into those whose key is committed and those whose key is nowhere in the
   * log nor in flight; the latter are blocked from ordering until settled. Null when nothing to do.
   */
  Settlement sort(List<Purchase> old, long epoch, Log log, Predicate<String> inFlight) {
    List<String> ordered = new ArrayList<>();
    List<String> orphaned = new ArrayList<>();
    for (Purchase p : old) {
      Long number = log.numberOf(p.key());
      if (number != null && number <= log.commit()) {
        ordered.add(p.key());
      } else if (number == null && !inFlight.test(p.key())) {
        orphaned.add(p.key());
      }
    }
    settling.addAll(orphaned);
    return new Settlement(epoch, ordered, orphaned);
  }

  /** The settlement is over, applied or refused: its keys may be ordered again. */
  void forget(Settlement settlement) {
    settlement.orphaned().forEach(settling::remove);
    if (Objects.equals(unconfirmed, settlement)) {
      unconfirmed = null;
    }
  }
}
