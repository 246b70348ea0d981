package toystore.gui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import toystore.wire.order.ViewChangeReport;

/**
 * Reads every replica's message counters from its own {@code /metrics} (no token; none in raft mode)
 * and, through the agent, the view changes it led (raft: the terms; {@code GET
 * /services/{name}/view-changes}, docs/API.md §4): off the FX thread, every {@link LogPoller#PERIOD}
 * while the Replication tab shows.
 */
final class ProtocolPoller {
  /** A replica to read: its service name and URL (null while unknown). */
  record Target(String name, String url) {}

  private final Backend backend;
  private final Consumer<List<ProtocolReading>> onFx;
  private volatile List<Target> targets = List.of();
  private volatile boolean showing;
  /** The previous scrape per replica; the poll thread's alone. */
  private final Map<String, MessageCounts> previous = new HashMap<>();

  /** @param onFx gets each poll's readings on the FX thread */
  ProtocolPoller(Backend backend, Consumer<List<ProtocolReading>> onFx) {
    this.backend = backend;
    this.onFx = onFx;
  }

  void start() {
    backend.every(LogPoller.PERIOD, () -> {
      if (showing) {
        pollOnce();
      }
    });
  }

  void targets(List<Target> now) {
    targets = List.copyOf(now);
  }

  /** Polls only while the tab is selected: a hidden tab costs the replicas nothing. */
  void showing(boolean selected) {
    showing = selected;
  }

  private void pollOnce() {
    List<ProtocolReading> readings = new ArrayList<>();
    for (Target target : targets) {
      readings.add(read(target));
    }
    backend.onFx(() -> onFx.accept(readings));
  }

  private ProtocolReading read(Target target) {
    MessageCounts before = previous.get(target.name());
    MessageCounts now = null;
    List<ViewChangeReport> viewChanges = List.of();
    String problem = null;
    try {
      if (target.url() != null) {
        now = MessageCounts.parse(backend.metrics(target.url()), System.nanoTime());
        previous.put(target.name(), now);
      }
      if (backend.hasAgent()) {
        viewChanges = backend.agent().viewChanges(target.name());
      }
    } catch (IOException | RuntimeException e) {
      problem = Problems.describe(e);
    }
    return new ProtocolReading(target.name(), now, before, viewChanges, problem);
  }
}
