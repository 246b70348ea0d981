package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import toystore.chaos.ChaosMonkey;
import toystore.chaos.ChaosPlan;
import toystore.chaos.Fault;
import toystore.chaos.FaultEvent;
import toystore.chaos.FaultKind;
import toystore.chaos.PartitionSupport;
import toystore.chaos.Schedule;
import toystore.chaos.Targets;
import toystore.gui.TimelineEvent.Kind;
import toystore.model.ServiceInfo;

/**
 * The chaos-monkey toggle: while on, runs the seeded chaos schedule of {@code toystore chaos
 * --faults kill,pause,partition} against the order replicas (every interval a fault, aimed at the
 * leader or at a random replica, or the heal of the one in force, so at most one replica is
 * affected). Without root the agent cannot make partitions; the monkey then kills and pauses only.
 * Every fault and heal lands in the timeline.
 */
final class MonkeySwitch {
  /** The plan is finite; a day of faults is longer than anyone leaves the toggle on. */
  private static final Duration HORIZON = Duration.ofHours(24);
  private static final double LEADER_RATIO = 0.5;

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
    timeline.add(Kind.INFO, "Chaos monkey on: a fault or a heal every " + interval.toSeconds() + " s (seed " + seed + ")");
  }

  /**
   * FX thread. With {@code heal}, the monkey then resumes, heals and restarts whatever is broken, so
   * switching it off leaves a whole cluster; closing the window does not wait for that.
   */
  void stop(boolean heal) {
    if (runner != null) {
      healWhenStopped = heal;
      runner.interrupt();
      runner = null;
      timeline.add(Kind.INFO, heal ? "Chaos monkey off; healing what is broken" : "Chaos monkey off");
    }
  }

  private void run(Duration interval, long seed) {
    ChaosMonkey monkey = new ChaosMonkey(backend.slowAgent(), this::log);
    try {
      Set<FaultKind> kinds = EnumSet.allOf(FaultKind.class);
      Optional<String> refusal = PartitionSupport.refusal(backend.agent());
      if (refusal.isPresent()) {
        kinds.remove(FaultKind.PARTITION);
        backend.onFx(() -> timeline.add(Kind.INFO, "No partitions (" + refusal.get() + "): the monkey kills and pauses only"));
      }
      List<ServiceInfo> services = backend.agent().services();
      List<String> replicas = services.stream().filter(s -> s.isOrderReplica()).map(ServiceInfo::name).toList();
      List<String> others = services.stream().filter(s -> !s.isOrderReplica()).map(ServiceInfo::name).toList();
      Schedule schedule = new Schedule(HORIZON, interval, kinds, Targets.ORDER, LEADER_RATIO);
      List<Fault> plan = ChaosPlan.create(seed, schedule, replicas, others);
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
    String target = event.service() != null && !event.what().contains(event.service()) ? " → " + event.service() : "";
    String text = event.ok()
        ? String.format(Locale.ROOT, "Monkey: %s%s (%d ms)", event.what(), target, event.tookMs())
        : "Monkey: " + event.what() + " failed: " + event.detail();
    backend.onFx(() -> timeline.add(event.ok() && event.action().heals() ? Kind.RECOVERY : Kind.FAULT, text));
  }
}
