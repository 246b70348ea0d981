package toystore.order.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import toystore.model.IdempotencyKey;
import toystore.model.Role;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

/**
 * Stock conservation when buyers give up: old purchases whose key is committed are settled; those
 * whose key is nowhere in the log (nor in flight) get their stock back. One round at a time. Part
 * of {@link Replica}, whose state it reads and changes.
 */
final class Reconciliation {
  /** Keys whose purchase is being settled with the catalog: an order for one waits until it is done. */
  private final Set<IdempotencyKey> settling = new HashSet<>();
  /**
   * A settlement whose reply never came: it may or may not have been applied, so its keys stay
   * blocked and it is sent again (it is idempotent) before anything else is settled. The resend is
   * the same settlement, with the cut-off of its original listing.
   */
  Settlement unconfirmed;
  /** The settlement sent and not answered yet. */
  Settlement sending;
  boolean listing;
  long nextAt;

  private final Replica r;

  Reconciliation(Replica r, long nextAt) {
    this.r = r;
    this.nextAt = nextAt;
  }

  boolean busy() {
    return listing || sending != null;
  }

  boolean settling(IdempotencyKey key) {
    return settling.contains(key);
  }

  /**
   * Sorts old purchases into those whose key is committed and those whose key is nowhere in the
   * log nor in flight; the latter are blocked from ordering until settled. The settlement carries
   * the listing's cut-off, so the catalog gives back only purchases this verdict was about.
   */
  Settlement sort(Unsettled old, long epoch, Log log, Predicate<IdempotencyKey> inFlight) {
    List<IdempotencyKey> ordered = new ArrayList<>();
    List<IdempotencyKey> orphaned = new ArrayList<>();
    for (Purchase p : old.purchases()) {
      Long number = log.numberOf(p.key());
      if (number != null && number <= log.commit()) {
        ordered.add(p.key());
      } else if (number == null && !inFlight.test(p.key())) {
        orphaned.add(p.key());
      }
    }
    settling.addAll(orphaned);
    return new Settlement(epoch, old.boughtBeforeMillis(), ordered, orphaned);
  }

  /** The settlement is over, applied or refused: its keys may be ordered again. */
  void forget(Settlement settlement) {
    settlement.orphaned().forEach(settling::remove);
    if (Objects.equals(unconfirmed, settlement)) {
      unconfirmed = null;
    }
  }

  void reconcile() {
    if (busy() || r.now < nextAt) {
      return;
    }
    nextAt = r.now + r.timing.reconcileEvery().toNanos();
    if (r.role != Role.LEADER || !r.aligned) {
      return;
    }
    Settlement settlement = unconfirmed;
    if (settlement != null && !r.isCurrent(settlement.epoch())) {
      // Sent under an earlier epoch: the catalog refuses it once it has seen a newer one (every
      // claim of those purchases since buys at the newer epoch), so it is not ours to resend.
      forget(settlement);
      settlement = null;
    }
    if (settlement != null) {
      sending = settlement;
      r.emit(new Effect.Settle(settlement));
    } else {
      listing = true;
      r.emit(new Effect.ListUnsettled());
    }
  }

  void unsettled(Unsettled old) {
    if (!listing) {
      return;
    }
    listing = false;
    if (old.purchases().isEmpty() || r.role != Role.LEADER || !r.aligned) {
      return;
    }
    sending = sort(old, r.log.epoch(), r.log, r.orders::inFlight);
    r.emit(new Effect.Settle(sending));
  }

  void settled(Settlement settlement, Input.CatalogFailure failure) {
    if (!settlement.equals(sending)) {
      return;
    }
    sending = null;
    if (failure == Input.CatalogFailure.NO_REPLY && r.isCurrent(settlement.epoch())) {
      // No reply: it may still be applied, so its keys stay blocked until it is confirmed.
      unconfirmed = settlement;
      r.note(Effect.Level.INFO, "reconciliation postponed: the catalog did not answer");
      return;
    }
    // Applied, or refused (a newer epoch fenced this leader, or it is malformed): nothing changed.
    forget(settlement);
    if (failure == Input.CatalogFailure.DEPOSED && r.isCurrent(settlement.epoch())) {
      r.stepDown("the catalog knows a newer epoch than " + settlement.epoch());
    }
    if (failure != null) {
      r.note(Effect.Level.INFO, "reconciliation postponed: the catalog " + (failure == Input.CatalogFailure.NO_REPLY
          ? "did not answer" : "refused the settlement"));
    } else if (!settlement.orphaned().isEmpty()) {
      r.note(Effect.Level.INFO, "gave back the stock of " + settlement.orphaned().size()
          + " purchases that never became orders");
    }
  }
}
