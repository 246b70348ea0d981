package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import toystore.wire.order.Messages;

/**
 * Reads the window of every replica's log through the agent ({@code GET /services/{name}/log},
 * docs/API.md §4), off the FX thread, once a second while the Replication tab shows, and at once when
 * the window moves. One page per replica: a page holds up to 1000 entries from its first number, more
 * than the window, so a following window still covers what arrived since the last poll.
 */
final class LogPoller {
  static final Duration PERIOD = Duration.ofSeconds(1);

  private final Backend backend;
  private final BiConsumer<LogWindow, List<ReplicaLog>> onFx;
  private volatile List<String> replicas = List.of();
  private volatile LogWindow window = LogWindow.latest();
  private volatile boolean showing;
  /** The highest number read last time: where a following window's first page starts. */
  private volatile long highestSeen;

  /** @param onFx gets each poll's window and logs on the FX thread */
  LogPoller(Backend backend, BiConsumer<LogWindow, List<ReplicaLog>> onFx) {
    this.backend = backend;
    this.onFx = onFx;
  }

  void start() {
    backend.every(PERIOD, () -> {
      if (showing) {
        pollOnce();
      }
    });
  }

  /** The replicas to read, in column order. */
  void replicas(List<String> names) {
    replicas = List.copyOf(names);
  }

  /** Polls only while the tab is selected: a hidden tab costs the replicas nothing. */
  void showing(boolean selected) {
    showing = selected;
    if (selected) {
      backend.scheduler().execute(this::pollOnce);
    }
  }

  /** Moves the window and reads it at once. */
  void window(LogWindow moved) {
    window = moved;
    backend.scheduler().execute(this::pollOnce);
  }

  long highestSeen() {
    return highestSeen;
  }

  private void pollOnce() {
    if (!backend.hasAgent()) {
      return;
    }
    LogWindow asked = window;
    long from = asked.bottom(highestSeen);
    List<ReplicaLog> logs = new ArrayList<>();
    for (String name : replicas) {
      logs.add(read(name, from));
    }
    highestSeen = Math.max(highestSeen, LogTable.highest(logs));
    backend.onFx(() -> onFx.accept(asked, logs));
  }

  private ReplicaLog read(String name, long from) {
    try {
      Messages.LogPage page = backend.agent().log(name, from);
      return ReplicaLog.read(name, page.entries(), page.commitNumber(), page.lastNumber());
    } catch (IOException | RuntimeException e) {
      return ReplicaLog.unreadable(name, Problems.describe(e));
    }
  }
}
