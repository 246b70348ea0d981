package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import toystore.chaos.ChaosMonkey;
import toystore.chaos.ChaosPlan;
import toystore.chaos.Fault;
import toystore.chaos.FaultEvent;
import toystore.chaos.Schedule;
import toystore.chaos.Targets;
import toystore.gui.TimelineEvent.Kind;
import toystore.model.ServiceInfo;

/**
 * The chaos-monkey toggle: while on, runs the seeded chaos schedule of {@code toystore chaos} against
 * the order replicas (every interval a kill, of the leader or of a random replica, or the restart of
 * what was killed, so at most one is down). Every fault lands in the timeline.
 */
final class MonkeySwitch {
  /** The plan is finite; a day of faults is longer than anyone leaves the toggle on. */
  private static final Duration HORIZON = Duration.ofHours(24);
  private static final double KILL_LEADER_RATIO = 0.5;

  private final Backend backend;
  private final EventTimeline timeline;
  private Thread runner;
  private volatile boolean healWhenStopped;

  MonkeySwitch(Backend backend, EventTimeline timeline) {
    this.backend = backend;
    this.timeline = timeline;
  }

  /** FX thread. */
  void start(Duration interval, long seed) {
    stop(false);
    healWhenStopped = false;
    runner = new Thread(() -> run(interval, seed), "dashboard-chaos-monkey");
    runner.setDaemon(true);
    runner.start();
    timeline.add(Kind.INFO, "Chaos monkey on: a fault or a repair every " + interval.toSeconds() + " s (seed " + seed + ")");
  }

  /**
   * FX thread. With {@code heal}, the monkey then restarts every service that is down, so switching
   * it off leaves a whole cluster; closing the window does not wait for that.
   */
  void stop(boolean heal) {
    if (runner != null) {
      healWhenStopped = heal;
      runner.interrupt();
      runner = null;
      timeline.add(Kind.INFO, heal ? "Chaos monkey off; restarting what is down" : "Chaos monkey off");
    }
  }

  private void run(Duration interval, long seed) {
    ChaosMonkey monkey = new ChaosMonkey(backend.slowAgent(), this::log);
    try {
      List<ServiceInfo> services = backend.agent().services();
      List<String> replicas = services.stream().filter(s -> "order".equals(s.kind())).map(ServiceInfo::name).toList();
      List<String> others = services.stream().filter(s -> !"order".equals(s.kind())).map(ServiceInfo::name).toList();
      List<Fault> plan = ChaosPlan.create(seed, Schedule.kills(HORIZON, interval, Targets.ORDER, KILL_LEADER_RATIO), replicas, others);
      monkey.run(plan);
    } catch (InterruptedException stopped) {
      if (healWhenStopped) {
        heal(monkey);
      }
    } catch (IOException | RuntimeException e) {
      backend.onFx(() -> timeline.add(Kind.FAULT, "Chaos monkey could not start: " + Problems.describe(e)));
    }
  }

  private void heal(ChaosMonkey monkey) {
    try {
      monkey.heal();
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  private void log(FaultEvent event) {
    boolean restart = event.what().startsWith("restart");
    String target = event.service() != null && !event.what().endsWith(event.service()) ? " → " + event.service() : "";
    String text = event.ok()
        ? String.format(Locale.ROOT, "Monkey: %s%s (%d ms)", event.what(), target, event.tookMs())
        : "Monkey: " + event.what() + " failed: " + event.detail();
    backend.onFx(() -> timeline.add(event.ok() && restart ? Kind.RECOVERY : Kind.FAULT, text));
  }
}
