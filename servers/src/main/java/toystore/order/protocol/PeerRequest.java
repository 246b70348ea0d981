package toystore.order.protocol;

import toystore.wire.order.Messages;

/** What one replica asks another. */
public sealed interface PeerRequest {
  record Join(Messages.Join join) implements PeerRequest {}

  record Append(Messages.Append append) implements PeerRequest {}

  /** A page of the peer's log from {@code from} on, to adopt the most complete log at a view change. */
  record FetchLog(long from) implements PeerRequest {}
}
