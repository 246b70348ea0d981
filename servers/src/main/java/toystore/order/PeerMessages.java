package toystore.order;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import toystore.order.protocol.PeerRequest;

/**
 * The lab protocol's messages, counted by the shell as they leave and arrive
 * ({@code toystore_replica_messages_total}, docs/DESIGN.md "Protocol activity"): the dashboard turns
 * them into messages per second by kind. The Raft engine counts none.
 */
final class PeerMessages {
  enum Kind {
    /** An append carrying entries. */
    APPEND,
    /** An append without entries: the leader's heartbeat. */
    HEARTBEAT,
    JOIN,
    /** The frontend's request to lead an epoch (received only). */
    LEAD,
    /** A page of the log: a candidate's catch-up fetch; received also counts the agent's reads for dashboards. */
    LOG_PAGE
  }

  enum Direction { SENT, RECEIVED }

  private final Counter messages;

  PeerMessages(PrometheusRegistry registry) {
    this.messages = Counter.builder()
        .name("toystore_replica_messages_total")
        .help("Lab protocol messages this replica sent or received, by kind (a heartbeat is an append without entries)")
        .labelNames("kind", "direction")
        .register(registry);
    for (Kind kind : Kind.values()) {
      for (Direction direction : Direction.values()) {
        // Every series from the start: a rate over a series that appears later misses its first count.
        messages.labelValues(label(kind), label(direction));
      }
    }
  }

  void count(Kind kind, Direction direction) {
    messages.labelValues(label(kind), label(direction)).inc();
  }

  /** The kind of a request one replica sends another. */
  static Kind kindOf(PeerRequest request) {
    if (request instanceof PeerRequest.Append append) {
      return append.append().entries().isEmpty() ? Kind.HEARTBEAT : Kind.APPEND;
    }
    return request instanceof PeerRequest.Join ? Kind.JOIN : Kind.LOG_PAGE;
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
