package toystore.order.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import toystore.model.Role;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.ReplicaView;

/**
 * The frontend's leader selection (LeaderSelector's policy, modelled): a monitor probes every
 * replica; the highest live id that can lead is asked to lead a new epoch, higher than every epoch
 * seen and recorded durably before use; a leader that misses two probes, no longer leads, or says
 * twice it has no majority is given up. A crash loses everything but the recorded epoch.
 */
final class Frontend extends SimProcess {
  private static final long RETRY_PAUSE = 100 * Scheduler.MILLIS;

  private final World world;
  /** The highest epoch handed out: frontend.db, survives a crash. */
  private long recordedEpoch;
  private Integer leader;
  private boolean selecting;
  private int missedProbes;
  private int roundsWithoutQuorum;
  private long failedSelectionAt = Long.MIN_VALUE / 2;
  private final List<Runnable> onGiveUp = new ArrayList<>();

  Frontend(World world) {
    super(Network.FRONTEND, "F");
    this.world = world;
  }

  void boot() {
    leader = null;
    selecting = false;
    missedProbes = 0;
    roundsWithoutQuorum = 0;
    onGiveUp.clear();
    world.trace(name, "boot", "epoch recorded " + recordedEpoch);
    int incarnation = incarnation();
    world.scheduler.after(world.settings.poll(), () -> deliver(incarnation, this::probeAll));
  }

  @Override
  void restart() {
    super.restart();
    boot();
  }

  Integer leader() {
    return leader;
  }

  long recordedEpoch() {
    return recordedEpoch;
  }

  /** {@code whenGivenUp} runs if the current leader is given up first (a call in flight to it is cancelled). */
  void whileLeader(Runnable whenGivenUp) {
    onGiveUp.add(whenGivenUp);
  }

  void leaderFailed(int failed, String why) {
    if (leader != null && leader == failed) {
      world.trace(name, "give up", "leader R" + failed + ": " + why);
      leader = null;
      List<Runnable> cancelled = List.copyOf(onGiveUp);
      onGiveUp.clear();
      cancelled.forEach(Runnable::run);
    }
  }

  private void probeAll() {
    Map<Integer, ReplicaView> live = new TreeMap<>();
    int[] waiting = {world.settings.replicas()};
    int incarnation = incarnation();
    for (ReplicaNode r : world.replicas) {
      world.network.<ReplicaView>call(address, r.id, world.settings.probeTimeout(), "health",
          answer -> answer.accept(r.view()), view -> {
            live.put(r.id, view);
            if (--waiting[0] == 0) {
              watch(live, incarnation);
            }
          }, why -> {
            if (--waiting[0] == 0) {
              watch(live, incarnation);
            }
          });
    }
  }

  private void watch(Map<Integer, ReplicaView> live, int incarnation) {
    if (leader != null) {
      ReplicaView h = live.get(leader);
      missedProbes = h == null ? missedProbes + 1 : 0;
      roundsWithoutQuorum = h != null && !h.quorum() ? roundsWithoutQuorum + 1 : 0;
      String problem = h == null ? (missedProbes >= 2 ? "does not answer" : null)
          : h.role() != Role.LEADER ? "no longer leads"
          : roundsWithoutQuorum >= 2 ? "cannot reach a majority of replicas" : null;
      if (problem != null) {
        leaderFailed(leader, problem);
      }
    }
    if (leader == null && !selecting && live.size() >= world.settings.majority()
        && world.now() - failedSelectionAt >= RETRY_PAUSE) {
      select(live);
    }
    world.scheduler.after(world.settings.poll(), () -> deliver(incarnation, this::probeAll));
  }

  private void select(Map<Integer, ReplicaView> live) {
    long epoch = Math.max(recordedEpoch, live.values().stream().mapToLong(ReplicaView::epoch).max().orElse(0));
    for (ReplicaView h : live.values()) {
      if (h.role() == Role.LEADER && h.aligned() && h.quorum() && h.epoch() == epoch) {
        elected(h.id(), "already leads epoch " + epoch);
        return;
      }
    }
    List<Integer> candidates = live.values().stream()
        .filter(h -> h.fault() == null && !(h.role() == Role.LEADER && !h.quorum()))
        .map(ReplicaView::id).sorted(Comparator.reverseOrder()).toList();
    selecting = true;
    world.trace(name, "select", Trace.lazy(() -> "candidates " + candidates + " of "
        + live.values().stream().map(Frontend::brief).toList()));
    tryCandidate(candidates, 0, epoch);
  }

  private static String brief(ReplicaView v) {
    return "R" + v.id() + " " + v.role() + (v.aligned() ? "" : " SYNCING") + " epoch " + v.epoch() + " commit "
        + v.commitNumber() + "/" + v.lastNumber() + (v.quorum() ? "" : " no quorum") + (v.fault() == null ? "" : " fault");
  }

  private void tryCandidate(List<Integer> candidates, int index, long epoch) {
    if (index == candidates.size()) {
      selecting = false;
      failedSelectionAt = world.now();
      world.trace(name, "no leader", "no candidate could lead");
      return;
    }
    int candidate = candidates.get(index);
    long next = epoch + 1;
    recordedEpoch = Math.max(recordedEpoch, next);
    world.trace(name, "lead?", "R" + candidate + " epoch " + next);
    ReplicaNode node = world.replica(candidate);
    world.network.<Outcome>call(address, candidate, world.settings.leadTimeout(), "lead " + next,
        answer -> node.serveLead(next, answer), outcome -> {
          if (outcome instanceof Outcome.Led) {
            elected(candidate, "leads epoch " + next);
          } else {
            world.trace(name, "refused", "R" + candidate + ": " + outcome);
            tryCandidate(candidates, index + 1, next);
          }
        }, why -> {
          world.trace(name, "refused", "R" + candidate + ": " + why);
          tryCandidate(candidates, index + 1, next);
        });
  }

  private void elected(int id, String why) {
    selecting = false;
    leader = id;
    missedProbes = 0;
    roundsWithoutQuorum = 0;
    world.trace(name, "leader", "R" + id + " " + why);
  }

  /** Forwards a call to the leader; {@code answered} gets its outcome, or null when it did not answer. */
  <A> void toLeader(int to, Object what, long timeout, Consumer<Consumer<A>> serve, Consumer<A> answered) {
    boolean[] over = {false};
    whileLeader(() -> {
      if (!over[0]) {
        over[0] = true;
        answered.accept(null);
      }
    });
    world.network.<A>call(address, to, timeout, what, serve, a -> {
      if (!over[0]) {
        over[0] = true;
        answered.accept(a);
      }
    }, why -> {
      if (!over[0]) {
        over[0] = true;
        answered.accept(null);
      }
    });
  }
}
