package toystore.gui;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import toystore.gui.TimelineEvent.Kind;
import toystore.model.ServiceInfo;

/**
 * The faults a person can cause from the window and their heals: kill or pause the leader, resume
 * whatever is paused, kill, restart, pause, resume, fill or free the disk of one service, cut the
 * leader off from everyone or from its followers only, heal every partition. Each runs off the FX thread
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

  /**
   * Kills the leader the agent finds (docs/API.md §4: the replica that leads the newest epoch). The
   * leader routes wait up to 5 s for a leader during an election, longer than the fast client's
   * timeout, so they go through the slow one: else the window says "failed" and the fault lands anyway.
   */
  void killLeader(Runnable done) {
    act("Kill leader", () -> backend.slowAgent().killLeader(), killed -> fault("Killed the leader, " + killed), done);
  }

  void kill(String service, Runnable done) {
    act("Kill " + service, () -> backend.agent().kill(service), fault("Killed " + service), done);
  }

  void restart(String service, Runnable done) {
    timeline.add(Kind.INFO, "Restarting " + service + "…");
    Instant start = Instant.now();
    act("Restart " + service,
        () -> {
          backend.slowAgent().restart(service);
          return Duration.between(start, Instant.now());
        },
        took -> recovery("Restarted " + service + ", healthy after " + seconds(took)),
        done);
  }

  void pause(String service, Runnable done) {
    act("Pause " + service, () -> backend.agent().pause(service), fault("Paused " + service + " (SIGSTOP)"), done);
  }

  void resume(String service, Runnable done) {
    act("Resume " + service, () -> backend.agent().resume(service), recovery("Resumed " + service), done);
  }

  /** Cuts the leader off from every other service. */
  void isolateLeader(Runnable done) {
    act("Cut the leader off", () -> backend.slowAgent().isolateLeader(),
        isolation -> fault("Cut the leader off: " + isolation.isolated() + " reaches no other service"), done);
  }

  /** Freezes the leader (SIGSTOP): the agent picks it by the rule kill-leader uses, so Ctrl+K and Ctrl+P agree. */
  void pauseLeader(Runnable done) {
    act("Pause leader", () -> backend.slowAgent().pauseLeader(),
        paused -> fault("Paused the leader, " + paused + " (SIGSTOP)"), done);
  }

  /** Resumes every paused service (SIGCONT). */
  void resumePaused(Runnable done) {
    act("Resume",
        () -> {
          List<String> paused = backend.agent().services().stream().filter(ServiceInfo::paused).map(ServiceInfo::name)
              .toList();
          for (String service : paused) {
            backend.agent().resume(service);
          }
          return paused;
        },
        resumed -> resumed.isEmpty()
            ? new Line(Kind.INFO, "Nothing was paused")
            : recovery("Resumed " + String.join(", ", resumed)),
        done);
  }

  /**
   * The partition [[leader], [the other replicas]] (the agent's cut-leader-off): the frontend and the
   * catalog still reach everyone, so the old leader keeps taking orders it can no longer commit (its
   * uncommitted tail) until the frontend moves leadership (docs/DESIGN.md "Fault model").
   */
  void cutLeaderFromFollowers(Runnable done) {
    act("Cut the leader off from its followers", () -> backend.slowAgent().cutLeaderOff(),
        cut -> fault("Cut the leader off from its followers: " + cut.isolated()
            + " reaches no other replica (the frontend and the catalog still reach everyone)"),
        done);
  }

  void diskFull(String service, Runnable done) {
    act("Disk full on " + service, () -> backend.agent().diskFull(service), fault("Filled " + service + "'s disk"), done);
  }

  void freeDisk(String service, Runnable done) {
    act("Free disk on " + service, () -> backend.agent().freeDisk(service), recovery("Freed " + service + "'s disk"),
        done);
  }

  void healPartitions(Runnable done) {
    act("Heal", () -> backend.agent().healAll(), recovery("Healed every partition"), done);
  }

  /** A line for the timeline. */
  private record Line(Kind kind, String text) {}

  private static Line fault(String text) {
    return new Line(Kind.FAULT, text);
  }

  private static Line recovery(String text) {
    return new Line(Kind.RECOVERY, text);
  }

  private interface AgentCall {
    void call() throws Exception;
  }

  /** A call with nothing to report but that it worked: {@code succeeded} is its line. */
  private void act(String what, AgentCall call, Line succeeded, Runnable done) {
    act(what, () -> {
      call.call();
      return succeeded;
    }, line -> line, done);
  }

  /**
   * The one place an action's outcome reaches the timeline: {@code call} off the FX thread, then on
   * it the line {@code success} makes of its result, or "{@code what} failed: …"; {@code done} either way.
   */
  private <T> void act(String what, Callable<T> call, Function<T, Line> success, Runnable done) {
    backend.run(
        call,
        result -> {
          Line line = success.apply(result);
          timeline.add(line.kind(), line.text());
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
