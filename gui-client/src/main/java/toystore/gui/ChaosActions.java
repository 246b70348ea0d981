package toystore.gui;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import toystore.gui.TimelineEvent.Kind;

/**
 * The faults a person can cause from the window and their heals: kill the leader, kill, restart,
 * pause or resume one service, cut the leader off, heal every partition. Each runs off the FX thread
 * and lands in the timeline with its outcome; {@code done} runs on the FX thread afterwards either
 * way (to re-enable the button).
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
    act(Kind.FAULT, "Killed " + service, "Kill " + service, () -> backend.agent().kill(service), done);
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

  void pause(String service, Runnable done) {
    act(Kind.FAULT, "Paused " + service + " (SIGSTOP)", "Pause " + service, () -> backend.agent().pause(service), done);
  }

  void resume(String service, Runnable done) {
    act(Kind.RECOVERY, "Resumed " + service, "Resume " + service, () -> backend.agent().resume(service), done);
  }

  void isolateLeader(Runnable done) {
    backend.run(
        () -> backend.agent().isolateLeader(),
        isolation -> {
          timeline.add(Kind.FAULT, "Cut the leader off: " + isolation.isolated() + " reaches no other service");
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Cut the leader off failed: " + Problems.describe(failure));
          done.run();
        });
  }

  void healPartitions(Runnable done) {
    act(Kind.RECOVERY, "Healed every partition", "Heal", () -> backend.agent().healAll(), done);
  }

  private interface AgentCall {
    void call() throws Exception;
  }

  /** One call to the agent whose outcome is a line in the timeline. */
  private void act(Kind kind, String succeeded, String what, AgentCall call, Runnable done) {
    backend.run(
        () -> {
          call.call();
          return succeeded;
        },
        line -> {
          timeline.add(kind, line);
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, what + " failed: " + Problems.describe(failure));
          done.run();
        });
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
