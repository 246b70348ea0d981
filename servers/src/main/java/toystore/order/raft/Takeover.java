package toystore.order.raft;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.Timing;
import toystore.wire.catalog.Settlement;
import toystore.wire.catalog.Unsettled;

/**
 * What a replica does on top of Raft when it leads a term (docs/DESIGN.md "Raft engine"): once the
 * state machine has applied an entry of its new term (so every earlier entry that will ever commit
 * is applied), it fences the catalog with the term, and only then takes orders. While it leads it
 * settles old purchases no order claimed, as the lab leader does. One thread does both.
 */
final class Takeover implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Takeover.class);

  private final int id;
  private final CatalogClient catalog;
  private final Attempts attempts;
  private final Function<IdempotencyKey, Long> numberOf;
  /** Whether this replica leads {@code term} right now. */
  private final LongPredicate leads;
  private final Timing timing;
  /** Told each step of taking over a term, for the view changes this replica reports. */
  private final LeaderTerms terms;
  private final ScheduledExecutorService thread;
  /** The term whose catalog fence is up: orders are taken in it. */
  private volatile long readyTerm;
  private volatile long startingTerm;
  /** The catalog's answer to this replica's last fence, if it had seen a higher epoch than the term. */
  private volatile FencedOut fencedOut;
  /** A settlement that got no reply: it may have been applied, so it is sent again before any other. */
  private Settlement unconfirmed;

  Takeover(int id, CatalogClient catalog, Attempts attempts, Function<IdempotencyKey, Long> numberOf, LongPredicate leads,
           Timing timing, LeaderTerms terms) {
    this.id = id;
    this.catalog = catalog;
    this.attempts = attempts;
    this.numberOf = numberOf;
    this.leads = leads;
    this.timing = timing;
    this.terms = terms;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "replica-" + id + "-takeover");
      t.setDaemon(true);
      return t;
    });
    long every = timing.reconcileEvery().toMillis();
    thread.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
  }

  boolean ready(long term) {
    return readyTerm == term;
  }

  /** Why this replica leads a term it cannot take orders in until an operator acts, or null. */
  String fault() {
    FencedOut f = fencedOut;
    return f != null && readyTerm < f.term() && leads.test(f.term()) ? f.why() : null;
  }

  /** On the applier's thread: an entry of {@code term} was applied; a new leader's cue. */
  void applied(long term) {
    if (term > startingTerm && leads.test(term)) {
      startingTerm = term;
      thread.execute(() -> fence(term));
      terms.committed(term);
    }
  }

  private void fence(long term) {
    if (!leads.test(term) || readyTerm >= term) {
      return;
    }
    try {
      long seen = catalog.fence(term);
      if (seen > term) {
        fencedOut(term, seen);
        return;
      }
      attempts.newTerm();
      unconfirmed = null;
      readyTerm = term;
      terms.takenOver(term);
      log.info("replica {}: leads Raft term {}; the catalog is fenced, orders are taken", id, term);
    } catch (IOException | RuntimeException e) {
      log.info("replica {}: cannot fence the catalog for term {} yet ({}); retrying", id, term, e.getMessage());
      thread.schedule(() -> fence(term), timing.fenceRetry().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The catalog holds a higher epoch than the term: another store's or the lab engine's (its
   * epochs climb while Raft terms start at 1; docs/API.md §5). Orders stay refused, since a buy
   * under the term would be refused too, and the leader settles nothing; the fence is tried again
   * every reconciliation round, in case the catalog is replaced.
   */
  private void fencedOut(long term, long seen) {
    FencedOut previous = fencedOut;
    fencedOut = new FencedOut(term, "the catalog has seen epoch " + seen + " above term " + term
        + ": this catalog belongs to another store or engine");
    terms.fencedOut(term, fencedOut.why());
    if (previous == null || previous.term() != term) {
      log.error("replica {}: {}; no orders are taken until the fence holds (retried every {} ms)", id,
          fencedOut.why(), timing.reconcileEvery().toMillis());
    }
    thread.schedule(() -> fence(term), timing.reconcileEvery().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round of orphan settlement, as the lab leader's (docs/DESIGN.md "Purchases nobody ordered"). */
  private void reconcile() {
    long term = readyTerm;
    if (term == 0 || !leads.test(term)) {
      return;
    }
    Settlement settlement = unconfirmed != null && unconfirmed.epoch() == term ? unconfirmed : null;
    try {
      if (settlement == null) {
        Unsettled old = catalog.unsettled(timing.orphanAge().toMillis());
        if (old.purchases().isEmpty()) {
          return;
        }
        settlement = attempts.sort(old, term, numberOf);
      }
      settle(settlement, term);
    } catch (IOException | RuntimeException e) {
      log.info("replica {}: reconciliation postponed: the catalog did not answer ({})", id, e.getMessage());
    }
  }

  private void settle(Settlement settlement, long term) {
    try {
      catalog.settle(settlement);
      unconfirmed = null;
      attempts.settled(settlement);
      if (!settlement.orphaned().isEmpty()) {
        log.info("replica {}: gave back the stock of {} purchases that never became orders", id,
            settlement.orphaned().size());
      }
    } catch (ApiException e) {
      // Refused (a newer term fenced the catalog, or it is malformed): nothing changed.
      unconfirmed = null;
      attempts.settled(settlement);
      log.info("replica {}: the catalog refused the settlement of term {}: {}", id, term, e.getMessage());
    } catch (IOException | RuntimeException e) {
      // No reply: it may be applied; its keys stay blocked and it goes again next round.
      unconfirmed = settlement;
      log.info("replica {}: reconciliation postponed: the catalog did not answer ({})", id, e.getMessage());
    }
  }

  /** A term whose fence the catalog refused, and the message for {@code /health}. */
  private record FencedOut(long term, String why) {}

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(5, TimeUnit.SECONDS);
  }
}
