package toystore.gui;

import java.util.List;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ProtocolMessage.Kind;
import toystore.wire.order.ViewChangeReport;

/**
 * One poll of one replica for the Protocol panel: its message counters now and at the poll before
 * (either null when unread), the view changes it led (empty when not read), and what went wrong, if anything.
 */
record ProtocolReading(String name, MessageCounts now, MessageCounts before, List<ViewChangeReport> viewChanges,
                       String problem) {
  /** Messages per second over the last interval, or null when not known (first poll, a restart, unreadable). */
  Double rate(Kind kind, Direction direction) {
    return now == null || before == null ? null : now.rate(before, kind, direction);
  }

  /** The replica counts messages (false in raft mode); null when it was not read. */
  Boolean counted() {
    return now == null ? null : now.present();
  }
}
