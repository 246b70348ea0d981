package toystore.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import toystore.load.ClientError;

/** The faults of a chaos run and their heals in time order, each with the client-visible errors that followed it. */
public final class Timeline {
  private static final int SAMPLES = 3;

  private Timeline() {}

  /** One line for a fault, as printed live and in the timeline. */
  public static String line(long startMs, FaultEvent event) {
    String outcome =
        event.ok()
            ? (event.service() != null && !event.what().contains(event.service()) ? " -> " + event.service() : "")
                + String.format(Locale.ROOT, " (%d ms)", event.tookMs())
            : " FAILED: " + event.detail();
    return String.format(Locale.ROOT, "%+8.1f s  %s%s", (event.atMs() - startMs) / 1000.0, event.what(), outcome);
  }

  /**
   * Every fault with the errors seen from it until the next one; errors before the first fault are
   * shown first.
   */
  public static String render(long startMs, List<FaultEvent> events, List<ClientError> errors) {
    StringBuilder out = new StringBuilder("Timeline (seconds since the load started):\n");
    List<Long> bounds = new ArrayList<>();
    events.forEach(e -> bounds.add(e.atMs()));
    out.append(String.format(Locale.ROOT, "%+8.1f s  load started", 0.0));
    appendErrors(out, errors, Long.MIN_VALUE, bounds.isEmpty() ? Long.MAX_VALUE : bounds.get(0));
    for (int i = 0; i < events.size(); i++) {
      long until = i + 1 < events.size() ? bounds.get(i + 1) : Long.MAX_VALUE;
      out.append(line(startMs, events.get(i)));
      appendErrors(out, errors, bounds.get(i), until);
    }
    return out.toString();
  }

  private static void appendErrors(StringBuilder out, List<ClientError> errors, long from, long until) {
    List<ClientError> window = errors.stream().filter(e -> e.atMs() >= from && e.atMs() < until).toList();
    if (window.isEmpty()) {
      out.append("  — no client-visible errors\n");
      return;
    }
    out.append("  — ").append(window.size()).append(" client-visible error").append(window.size() == 1 ? "" : "s").append(":\n");
    Map<String, Integer> byKind = new LinkedHashMap<>();
    window.forEach(e -> byKind.merge(e.type().label() + (e.status() == 0 ? " (no reply)" : " HTTP " + e.status()), 1, Integer::sum));
    byKind.forEach((kind, count) -> out.append("              ").append(count).append(" x ").append(kind).append('\n'));
    window.stream().limit(SAMPLES).forEach(e -> out.append("              e.g. client ").append(e.client()).append(": ").append(e.message()).append('\n'));
  }
}
