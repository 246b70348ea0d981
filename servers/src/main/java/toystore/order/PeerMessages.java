package toystore.order;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import toystore.order.protocol.PeerRequest;
import toystore.wire.order.Messages;
import toystore.wire.order.ProtocolMessage;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ProtocolMessage.Kind;

/**
 * The lab protocol's messages, counted by the shell as they leave and arrive
 * ({@link ProtocolMessage#METRIC}, docs/DESIGN.md "Protocol activity"): the dashboard turns them
 * into messages per second by kind. The Raft engine counts none.
 */
final class PeerMessages {
  private final Counter messages;

  PeerMessages(PrometheusRegistry registry) {
    this.messages = Counter.builder()
        .name(ProtocolMessage.METRIC)
        .help("Lab protocol messages this replica sent or received, by kind (a heartbeat is an append without entries)")
        .labelNames("kind", "direction")
        .register(registry);
    for (Kind kind : Kind.values()) {
      for (Direction direction : Direction.values()) {
        // Every series from the start: a rate over a series that appears later misses its first count.
        messages.labelValues(kind.label(), direction.label());
      }
    }
  }

  void count(Kind kind, Direction direction) {
    messages.labelValues(kind.label(), direction.label()).inc();
  }

  /** The kind of a request one replica sends another. */
  static Kind kindOf(PeerRequest request) {
    if (request instanceof PeerRequest.Append append) {
      return kindOf(append.append());
    }
    if (request instanceof PeerRequest.Join) {
      return Kind.JOIN;
    }
    if (request instanceof PeerRequest.FetchLog) {
      return Kind.LOG_PAGE;
    }
    throw new IllegalArgumentException("no message kind for " + request.getClass().getSimpleName());
  }

  /** A heartbeat is an append without entries. */
  static Kind kindOf(Messages.Append append) {
    return append.entries().isEmpty() ? Kind.HEARTBEAT : Kind.APPEND;
  }
}
