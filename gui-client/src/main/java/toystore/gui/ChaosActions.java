package toystore.gui;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import toystore.gui.TimelineEvent.Kind;

/**
 * The faults a person can cause from the window: kill the leader, kill or restart one service. Each
 * runs off the FX thread and lands in the timeline with its outcome; {@code done} runs on the FX
 * thread afterwards either way (to re-enable the button).
 */
final class ChaosActions {
  private final Backend backend;
  private final EventTimeline timeline;

  ChaosActions(Backend backend, EventTimeline timeline) {
    this.backend = backend;
    this.timeline = timeline;
  }

  boolean available() {
    return backend.hasAgent();
  }

  void killLeader(Runnable done) {
    backend.run(
        () -> backend.agent().killLeader(),
        killed -> {
          timeline.add(Kind.FAULT, "Killed the leader, " + killed);
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Kill leader failed: " + Problems.describe(failure));
          done.run();
        });
  }

  void kill(String service, Runnable done) {
    backend.run(
        () -> {
          backend.agent().kill(service);
          return service;
        },
        killed -> {
          timeline.add(Kind.FAULT, "Killed " + killed);
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Kill " + service + " failed: " + Problems.describe(failure));
          done.run();
        });
  }

  void restart(String service, Runnable done) {
    timeline.add(Kind.INFO, "Restarting " + service + "…");
    Instant start = Instant.now();
    backend.run(
        () -> {
          backend.slowAgent().restart(service);
          return Duration.between(start, Instant.now());
        },
        took -> {
          timeline.add(Kind.RECOVERY, "Restarted " + service + ", healthy after " + seconds(took));
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Restart " + service + " failed: " + Problems.describe(failure));
          done.run();
        });
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
