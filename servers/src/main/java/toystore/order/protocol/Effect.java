package toystore.order.protocol;

import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.Settlement;

/**
 * What the replica wants done; the shell (or the simulator) does it and reports back with an
 * {@link Input}. Effects are returned in order, and writes must be done in that order.
 */
public sealed interface Effect {
  /** Ask peer {@code to}; its answer comes back as {@link Input.Answered} or {@link Input.Unanswered} with {@code sendId}. */
  record Send(int to, long sendId, PeerRequest request) implements Effect {}

  /** Answer the request {@code call}. */
  record Reply(Call call, Outcome outcome) implements Effect {}

  /** Write to disk; the result comes back as {@link Input.Persisted} or {@link Input.PersistFailed}. */
  record Persist(long writeId, Write write) implements Effect {}

  /** Buy from the catalog (the purchase carries its key and the epoch). */
  record Buy(Purchase purchase) implements Effect {}

  /** Tell the catalog the new epoch. */
  record FenceCatalog(long epoch) implements Effect {}

  /** Ask the catalog for purchases older than the orphan age. */
  record ListUnsettled() implements Effect {}

  /** Settle old purchases with the catalog. */
  record Settle(Settlement settlement) implements Effect {}

  /** Something an operator wants to read in the log (a view change, a fault, a catch-up). */
  record Note(Level level, String message) implements Effect {}

  enum Level { INFO, WARN, ERROR }
}
