package toystore.order.protocol;

import toystore.wire.order.Messages;

/**
 * What a leader knows of one follower. The request in flight survives a step-down, so that a
 * replica elected again never has two appends out to the same peer.
 */
final class Peer {
  final int id;
  /** The next number to send; 0 while unknown (then the log's end). */
  long next;
  /** The highest number the follower holds on disk, as far as this leadership knows. */
  long match;
  /** The append in flight and its send id (0: none). */
  long sendId;
  Messages.Append request;
  /** When the last append went, or null before any. */
  Long lastSent;
  long lastSentCommit;
  /** A peer that did not answer is asked again only from then on. */
  long retryAt;
  /** When it last answered an append, or null. */
  Long lastContact;
  /** The last problem reaching it, said once until it answers again. */
  String problem;

  Peer(int id) {
    this.id = id;
  }

  void forgetProgress() {
    next = 0;
    match = 0;
  }

  boolean heardWithin(long now, long windowNanos) {
    return lastContact != null && now - lastContact < windowNanos;
  }
}
