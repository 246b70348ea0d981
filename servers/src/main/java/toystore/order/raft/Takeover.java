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
  private final ScheduledExecutorService thread;
  /** The term whose catalog fence is up: orders are taken in it. */
  private volatile long readyTerm;
  private volatile long startingTerm;
  /** A settlement that got no reply: it may have been applied, so it is sent again before any other. */
  private Settlement unconfirmed;

  Takeover(int id, CatalogClient catalog, Attempts attempts, Function<IdempotencyKey, Long> numberOf, LongPredicate leads,
           Timing timing) {
    this.id = id;
    this.catalog = catalog;
    this.attempts = attempts;
    this.numberOf = numberOf;
    this.leads = leads;
    this.timing = timing;
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

  /** On the applier's thread: an entry of {@code term} was applied; a new leader's cue. */
  void applied(long term) {
    if (term > startingTerm && leads.test(term)) {
      startingTerm = term;
      thread.execute(() -> fence(term));
    }
  }

  private void fence(long term) {
    if (!leads.test(term) || readyTerm >= term) {
      return;
    }
    try {
      long seen = catalog.fence(term);
      if (seen > term) {
        log.warn("replica {}: the catalog has seen epoch {} above Raft term {}; not taking orders in it", id, seen, term);
        return;
      }
      attempts.newTerm();
      unconfirmed = null;
      readyTerm = term;
      log.info("replica {}: leads Raft term {}; the catalog is fenced, orders are taken", id, term);
    } catch (IOException | RuntimeException e) {
      log.info("replica {}: cannot fence the catalog for term {} yet ({}); retrying", id, term, e.getMessage());
      thread.schedule(() -> fence(term), timing.fenceRetry().toMillis(), TimeUnit.MILLISECONDS);
    }
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

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(5, TimeUnit.SECONDS);
  }
}
