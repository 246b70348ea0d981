package toystore.order.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.Outcome;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;
import toystore.wire.order.Messages;

/**
 * The leader's keys that are not simply committed: orders being bought and submitted, keys whose
 * entry may still commit in this term, and orphaned keys being settled with the catalog. One lock
 * for all three, so that a verdict "orphaned" and a new attempt with that key exclude each other
 * (docs/DESIGN.md "Raft engine", orphans).
 */
final class Attempts {
  /** One order being placed; retries of its key wait for the same outcome. */
  record Attempt(Messages.PlaceOrder order, long term, CompletableFuture<Outcome> outcome) {}

  /** What a new request for a key found: the attempt to wait for, whether it must run it, or a refusal. */
  record Join(Attempt attempt, boolean first, Outcome refused) {}

  private final Map<IdempotencyKey, Attempt> running = new HashMap<>();
  /** Submitted in this term with no definite answer: the entry may still commit. */
  private final Set<IdempotencyKey> unsure = new HashSet<>();
  private final Set<IdempotencyKey> settling = new HashSet<>();

  synchronized Join join(Messages.PlaceOrder order, long term) {
    if (settling.contains(order.key())) {
      return new Join(null, false, new Outcome.Settling());
    }
    Attempt attempt = running.get(order.key());
    if (attempt != null) {
      return attempt.order().request().sameOrderAs(order.request())
          ? new Join(attempt, false, null) : new Join(null, false, new Outcome.KeyReused());
    }
    attempt = new Attempt(order, term, new CompletableFuture<>());
    running.put(order.key(), attempt);
    return new Join(attempt, true, null);
  }

  /** The attempt has its outcome; {@code maybeCommits}: its entry may still commit in its term. */
  synchronized void finished(Attempt attempt, Outcome outcome, boolean maybeCommits) {
    running.remove(attempt.order().key(), attempt);
    if (maybeCommits) {
      unsure.add(attempt.order().key());
    }
    attempt.outcome().complete(outcome);
  }

  /**
   * A new term is taken over: every entry of earlier terms that will ever commit is applied, so
   * no key is unsure any more, and settlements of earlier terms are the catalog's to refuse.
   */
  synchronized void newTerm() {
    unsure.clear();
    settling.clear();
  }

  /**
   * The verdict on old purchases: a key in the state machine is ordered; one neither there nor in
   * flight is orphaned, and blocked from ordering until the settlement is answered.
   */
  synchronized Settlement sort(Unsettled old, long term, Function<IdempotencyKey, Long> numberOf) {
    List<IdempotencyKey> ordered = new ArrayList<>();
    List<IdempotencyKey> orphaned = new ArrayList<>();
    for (Purchase p : old.purchases()) {
      if (numberOf.apply(p.key()) != null) {
        ordered.add(p.key());
      } else if (!running.containsKey(p.key()) && !unsure.contains(p.key())) {
        orphaned.add(p.key());
      }
    }
    settling.addAll(orphaned);
    return new Settlement(term, old.boughtBeforeMillis(), ordered, orphaned);
  }

  /** The settlement was answered (applied or refused): its keys may be ordered again. */
  synchronized void settled(Settlement settlement) {
    settlement.orphaned().forEach(settling::remove);
  }
}
