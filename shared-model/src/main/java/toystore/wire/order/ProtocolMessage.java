package toystore.wire.order;

import java.util.Locale;

/**
 * The lab protocol's messages as a replica counts them on {@code /metrics}
 * ({@code toystore_replica_messages_total{kind, direction}}, docs/DESIGN.md "Protocol activity"):
 * the replica writes the labels, the dashboard reads them.
 */
public final class ProtocolMessage {
  /** The counter's name in the exposition. */
  public static final String METRIC = "toystore_replica_messages_total";

  private ProtocolMessage() {}

  public enum Kind {
    /** An append carrying entries. */
    APPEND,
    /** An append without entries: the leader's heartbeat. */
    HEARTBEAT,
    JOIN,
    /** The frontend's request to lead an epoch (received only). */
    LEAD,
    /** A page of the log a candidate fetches to catch up (the agent's and the dashboard's reads are not counted). */
    LOG_PAGE;

    public String label() {
      return labelOf(this);
    }
  }

  public enum Direction {
    SENT, RECEIVED;

    public String label() {
      return labelOf(this);
    }
  }

  /** The constant of {@code type} whose label is {@code label}, or null for none. */
  public static <E extends Enum<E>> E fromLabel(Class<E> type, String label) {
    for (E value : type.getEnumConstants()) {
      if (labelOf(value).equals(label)) {
        return value;
      }
    }
    return null;
  }

  private static String labelOf(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
