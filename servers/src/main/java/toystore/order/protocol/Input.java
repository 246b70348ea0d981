package toystore.order.protocol;

import java.util.List;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Settlement;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * Everything that can happen to a replica: a request to answer, the answer (or silence) to
 * something it asked, a finished disk write, or the passing of time. The replica sees nothing else.
 */
public sealed interface Input {

  /** The coordinator asks this replica to lead {@code epoch}; answered with {@link Outcome.Led} or a refusal. */
  record Lead(Call call, long epoch) implements Input {}

  /** A candidate asks this replica to join its epoch; answered with {@link Outcome.JoinedEpoch}. */
  record Join(Call call, Messages.Join join) implements Input {}

  /** The leader sends entries or a heartbeat; answered with {@link Outcome.AppendAnswered}. */
  record Append(Call call, Messages.Append append) implements Input {}

  /** A client (through the frontend) places an order; answered with {@link Outcome.Placed} or a refusal. */
  record Place(Call call, Messages.PlaceOrder order) implements Input {}

  /** A peer answered the request {@code sendId} this replica sent it. */
  record Answered(int peer, long sendId, PeerAnswer answer) implements Input {}

  /** A peer did not answer the request {@code sendId} (down, cut off, timed out). */
  record Unanswered(int peer, long sendId, String why) implements Input {}

  /** The write {@code writeId} is on disk. */
  record Persisted(long writeId) implements Input {}

  /** The write {@code writeId} failed; nothing of it is on disk. */
  record PersistFailed(long writeId, String error) implements Input {}

  /**
   * The catalog answered {@code purchase} (the one of the {@link Effect.Buy}: its epoch tells an
   * answer to an earlier leadership's purchase of the same key from this one's).
   */
  record Bought(Purchase purchase, PurchaseResult result) implements Input {}

  /**
   * The catalog refused or did not answer {@code purchase}; {@code status} and {@code message} are
   * the catalog's for a {@link CatalogFailure#REFUSED} purchase.
   */
  record BuyFailed(Purchase purchase, CatalogFailure failure, int status, String message) implements Input {}

  /** The catalog has been told {@code epoch}: a deposed leader can no longer buy there. */
  record CatalogFenced(long epoch) implements Input {}

  /** Telling the catalog {@code epoch} failed (no reply); it is retried on a later tick. */
  record CatalogFenceFailed(long epoch, String why) implements Input {}

  /**
   * The catalog's purchases older than the orphan age, with the cut-off it listed them by, asked for
   * by {@link Effect.ListUnsettled}.
   */
  record Unsettled(toystore.wire.catalog.Unsettled listing) implements Input {}

  /** Listing the unsettled purchases failed; reconciliation tries again later. */
  record UnsettledFailed(String why) implements Input {}

  /** The catalog applied {@code settlement}. */
  record Settled(Settlement settlement) implements Input {}

  /** The catalog refused {@code settlement} or did not answer. */
  record SettleFailed(Settlement settlement, CatalogFailure failure) implements Input {}

  /** Time passed: timers that are due fire. The shell ticks every few milliseconds. */
  record Tick() implements Input {}

  /** What a peer answers: the wire replies, or a refusal. */
  sealed interface PeerAnswer {}

  /** A peer joined the epoch. */
  record JoinAccepted(Messages.Joined joined) implements PeerAnswer {}

  /** A peer refused to join: it is in a newer epoch, or its disk failed. */
  record JoinRefused(String why) implements PeerAnswer {}

  /** A peer's answer to an append. */
  record AppendReply(Messages.Appended appended) implements PeerAnswer {}

  /** A page of a peer's log, asked for by {@link PeerRequest.FetchLog}. */
  record LogPageReply(List<Entry> entries, long commitNumber, long lastNumber) implements PeerAnswer {}

  /** How a catalog call went wrong. */
  enum CatalogFailure {
    /** The catalog has seen a newer epoch (421): a newer leader exists. */
    DEPOSED,
    /** No reply: the call may or may not have been applied. */
    NO_REPLY,
    /** A clear refusal (4xx other than 421, e.g. out of stock, unknown toy): nothing changed. */
    REFUSED
  }
}
