package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import toystore.gui.TimelineEvent.Kind;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceInfo;
import toystore.model.StoreStatus;

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

  /** Freezes whichever replica leads now (SIGSTOP). */
  void pauseLeader(Runnable done) {
    backend.run(
        () -> {
          String leader = leader();
          backend.agent().pause(leader);
          return leader;
        },
        paused -> {
          timeline.add(Kind.FAULT, "Paused the leader, " + paused + " (SIGSTOP)");
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Pause leader failed: " + Problems.describe(failure));
          done.run();
        });
  }

  /** Resumes every paused service (SIGCONT). */
  void resumePaused(Runnable done) {
    backend.run(
        () -> {
          List<String> paused = backend.agent().services().stream().filter(ServiceInfo::paused).map(ServiceInfo::name)
              .toList();
          for (String service : paused) {
            backend.agent().resume(service);
          }
          return paused;
        },
        resumed -> {
          timeline.add(resumed.isEmpty() ? Kind.INFO : Kind.RECOVERY,
              resumed.isEmpty() ? "Nothing was paused" : "Resumed " + String.join(", ", resumed));
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Resume failed: " + Problems.describe(failure));
          done.run();
        });
  }

  /**
   * The partition [[leader], [the other replicas]]: the frontend and the catalog still reach everyone,
   * so the old leader keeps taking orders it can no longer commit (its uncommitted tail) until the
   * frontend moves leadership (docs/DESIGN.md "Fault model").
   */
  void cutLeaderFromFollowers(Runnable done) {
    backend.run(
        () -> {
          String leader = leader();
          List<String> followers = backend.agent().services().stream()
              .filter(s -> "order".equals(s.kind()) && !s.name().equals(leader))
              .map(ServiceInfo::name)
              .toList();
          backend.agent().partition(List.of(List.of(leader), followers));
          return leader + " | " + String.join(", ", followers);
        },
        groups -> {
          timeline.add(Kind.FAULT, "Cut the leader off from its followers: " + groups
              + " (the frontend and the catalog still reach everyone)");
          done.run();
        },
        failure -> {
          timeline.add(Kind.FAULT, "Cut the leader off from its followers failed: " + Problems.describe(failure));
          done.run();
        });
  }

  void diskFull(String service, Runnable done) {
    act(Kind.FAULT, "Filled " + service + "'s disk", "Disk full on " + service,
        () -> backend.agent().diskFull(service), done);
  }

  void freeDisk(String service, Runnable done) {
    act(Kind.RECOVERY, "Freed " + service + "'s disk", "Free disk on " + service,
        () -> backend.agent().freeDisk(service), done);
  }

  void healPartitions(Runnable done) {
    act(Kind.RECOVERY, "Healed every partition", "Heal", () -> backend.agent().healAll(), done);
  }

  /**
   * The replica the frontend sends orders to (its {@code /status}), else the one the agent finds
   * claiming to lead: the frontend's word counts, as an old leader cut off may still claim it.
   */
  private String leader() throws IOException {
    StoreStatus status;
    try {
      status = backend.store().status();
    } catch (IOException e) {
      // The frontend is down: the replicas' own word is all there is; its failure is kept in case they have none.
      return claimedLeader("the frontend did not answer: " + Problems.describe(e));
    }
    return status.leader() != null ? ReplicaStatus.name(status.leader()) : claimedLeader("the frontend knows none");
  }

  private String claimedLeader(String whyNotTheFrontend) throws IOException {
    return backend.agent().services().stream()
        .filter(s -> s.role() == Role.LEADER)
        .map(ServiceInfo::name)
        .findFirst()
        .orElseThrow(() -> new IOException("no order leader known (" + whyNotTheFrontend + ")"));
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
