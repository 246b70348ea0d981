package toystore.order.protocol;

import toystore.model.Order;
import toystore.wire.order.Messages;

/**
 * How a request ended, in the protocol's words. The HTTP service maps each to a status code in one
 * place; the protocol never speaks HTTP.
 */
public sealed interface Outcome {
  /** This replica leads {@code epoch} and takes orders. */
  record Led(long epoch) implements Outcome {}

  /** This replica joined a candidate's epoch; its log looks like {@code joined}. */
  record JoinedEpoch(Messages.Joined joined) implements Outcome {}

  /** The answer to an append (accepted or not, see {@link Messages.Appended}). */
  record AppendAnswered(Messages.Appended appended) implements Outcome {}

  /** The order is committed on a majority. */
  record Placed(Messages.OrderPlaced placed) implements Outcome {}

  /** A committed order read back. */
  record Found(Order order) implements Outcome {}

  /** This replica does not lead (any more): ask the leader. */
  record NotLeader(String why) implements Outcome {}

  /** The request names an epoch older than this replica's. */
  record StaleEpoch(String why) implements Outcome {}

  /** The leader is still taking over its epoch's log: retry shortly. */
  record CatchingUp() implements Outcome {}

  /** No majority of replicas could be reached (or confirmed) in time. */
  record NoMajority(String why) implements Outcome {}

  /** The key's purchase is being settled with the catalog: retry shortly. */
  record Settling() implements Outcome {}

  /** The idempotency key was used before with a different order. */
  record KeyReused() implements Outcome {}

  /** No order has this number (confirmed by a majority just now). */
  record NotFound() implements Outcome {}

  /** This replica cannot write to its disk. */
  record DiskFault(int replica) implements Outcome {}

  /** This replica cannot take orders until an operator acts ({@code why} says what): 503. */
  record Unavailable(String why) implements Outcome {}

  /** The catalog refused the purchase (e.g. out of stock): {@code status} and its message, passed on. */
  record CatalogRefused(int status, String message) implements Outcome {}

  /** The catalog did not answer. */
  record CatalogUnavailable() implements Outcome {}

  /** The order was taken by an earlier leadership of this replica, or lost to a leader change: retry. */
  record Retry(String why) implements Outcome {}
}
