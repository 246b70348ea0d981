package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import toystore.gui.TimelineEvent.Kind;
import toystore.model.ServiceInfo;

/**
 * While on, every interval either breaks one order replica (the leader or, by a seeded coin, a random
 * one) or restarts the replica it broke last, so at most one replica is down at a time and the store
 * keeps its majority. Everything it does lands in the timeline.
 */
final class ChaosMonkey {
  private final Backend backend;
  private final EventTimeline timeline;
  private ScheduledExecutorService schedule;
  private volatile String downService;

  ChaosMonkey(Backend backend, EventTimeline timeline) {
    this.backend = backend;
    this.timeline = timeline;
  }

  /** FX thread. */
  boolean running() {
    return schedule != null;
  }

  /** FX thread. */
  void start(Duration interval, long seed) {
    stop();
    Random random = new Random(seed);
    schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dashboard-chaos-monkey");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    schedule.scheduleWithFixedDelay(() -> step(random), millis, millis, TimeUnit.MILLISECONDS);
    timeline.add(Kind.INFO, "Chaos monkey on: a fault or a repair every " + interval.toSeconds() + " s (seed " + seed + ")");
  }

  /** FX thread. Leaves a replica it killed down; the restart buttons bring it back. */
  void stop() {
    if (schedule != null) {
      schedule.shutdownNow();
      schedule = null;
      timeline.add(Kind.INFO, "Chaos monkey off");
    }
  }

  private void step(Random random) {
    try {
      if (downService != null) {
        String service = downService;
        backend.slowAgent().restart(service);
        downService = null;
        log(Kind.RECOVERY, "Monkey restarted " + service);
      } else if (random.nextBoolean()) {
        downService = backend.agent().killLeader();
        log(Kind.FAULT, "Monkey killed the leader, " + downService);
      } else {
        List<String> replicas = backend.agent().services().stream()
            .filter(s -> "order".equals(s.kind()) && s.alive())
            .map(ServiceInfo::name)
            .sorted()
            .toList();
        if (replicas.isEmpty()) {
          log(Kind.INFO, "Monkey found no live replica to kill");
          return;
        }
        String victim = replicas.get(random.nextInt(replicas.size()));
        backend.agent().kill(victim);
        downService = victim;
        log(Kind.FAULT, "Monkey killed " + victim);
      }
    } catch (IOException | RuntimeException e) {
      log(Kind.FAULT, "Monkey step failed: " + Problems.describe(e));
    }
  }

  private void log(Kind kind, String text) {
    backend.onFx(() -> timeline.add(kind, text));
  }
}
