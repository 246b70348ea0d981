package toystore.gui;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import toystore.wire.order.ProtocolMessage;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ProtocolMessage.Kind;

/**
 * One scrape of a replica's protocol message counters ({@link ProtocolMessage#METRIC} on its
 * {@code /metrics}, docs/DESIGN.md "Protocol activity"), and the rates between two scrapes.
 * {@code present} is false when the replica counts none (raft mode).
 */
record MessageCounts(boolean present, Map<Kind, Map<Direction, Double>> counts, long atNanos) {
  private static final Pattern SAMPLE = Pattern.compile(
      "^" + Pattern.quote(ProtocolMessage.METRIC) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
  /** Two poll periods and some slack: older scrapes give no rate. */
  static final double LATEST_SECONDS = 3 * LogPoller.PERIOD.toMillis() / 1000.0;
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** Reads the counters out of a Prometheus text exposition; other lines are ignored. */
  static MessageCounts parse(String exposition, long atNanos) {
    Map<Kind, Map<Direction, Double>> counts = new EnumMap<>(Kind.class);
    Matcher sample = SAMPLE.matcher(exposition);
    boolean present = false;
    while (sample.find()) {
      present = true;
      Kind kind = null;
      Direction direction = null;
      Matcher label = LABEL.matcher(sample.group(1));
      while (label.find()) {
        if (label.group(1).equals("kind")) {
          kind = ProtocolMessage.fromLabel(Kind.class, label.group(2));
        } else if (label.group(1).equals("direction")) {
          direction = ProtocolMessage.fromLabel(Direction.class, label.group(2));
        }
      }
      if (kind != null && direction != null) {
        counts.computeIfAbsent(kind, k -> new EnumMap<>(Direction.class)).put(direction, Double.parseDouble(sample.group(2)));
      }
    }
    return new MessageCounts(present, counts, atNanos);
  }

  double count(Kind kind, Direction direction) {
    return counts.getOrDefault(kind, Map.of()).getOrDefault(direction, 0.0);
  }

  /**
   * Messages per second from {@code before} to this scrape, or null when not comparable: a restart
   * reset the counters, or {@code before} is older than {@link #LATEST_SECONDS} (a scrape from
   * before the tab was hidden would give an average over minutes, not the last interval's rate).
   */
  Double rate(MessageCounts before, Kind kind, Direction direction) {
    double seconds = (atNanos - before.atNanos) / 1e9;
    double delta = count(kind, direction) - before.count(kind, direction);
    if (!present || !before.present || seconds <= 0 || seconds > LATEST_SECONDS || delta < 0) {
      return null;
    }
    return delta / seconds;
  }
}
