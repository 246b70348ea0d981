package toystore.order.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import toystore.frontend.election.Coordinator;
import toystore.frontend.election.CoordinatorEffect;
import toystore.frontend.election.CoordinatorInput;
import toystore.frontend.election.CoordinatorTiming;
import toystore.frontend.election.Health;
import toystore.frontend.election.Leadership;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.ReplicaView;

/**
 * The frontend's shell around the real election core ({@link Coordinator}), as LeaderSelector is:
 * it ticks the core, probes the replicas over the simulated network, records epochs on the
 * frontend's disk (durable; a crash may or may not have let the last one land) and asks candidates
 * to lead. A crash loses everything but the recorded epoch; the restarted core starts from it.
 */
final class Frontend extends SimProcess {
  private static final long TICK = 20 * Scheduler.MILLIS;
  private static final long RECORD_LATENCY = 2 * Scheduler.MILLIS;

  private final World world;
  /** The highest epoch on the frontend's disk: survives a crash. */
  private long recordedEpoch;
  /** The epoch being written, or 0. */
  private long recording;
  private Coordinator coordinator;
  private final List<Runnable> onGiveUp = new ArrayList<>();

  Frontend(World world) {
    super(Network.FRONTEND, "F");
    this.world = world;
  }

  void boot() {
    List<Integer> ids = world.replicas.stream().map(r -> r.id).toList();
    CoordinatorTiming timing = new CoordinatorTiming(java.time.Duration.ofNanos(world.settings.poll()),
        java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(300));
    coordinator = new Coordinator(ids, recordedEpoch, timing, world.now());
    onGiveUp.clear();
    world.trace(name, "boot", "epoch recorded " + recordedEpoch);
    tickLater(incarnation());
  }

  private void tickLater(int incarnation) {
    world.scheduler.after(TICK, () -> deliver(incarnation, () -> {
      input(new CoordinatorInput.Tick());
      tickLater(incarnation);
    }));
  }

  @Override
  void crash() {
    super.crash();
    // The process died while its epoch was being written: the write may or may not have landed.
    if (recording != 0 && world.scheduler.chance(0.5)) {
      recordedEpoch = Math.max(recordedEpoch, recording);
    }
    recording = 0;
    coordinator = null;
  }

  @Override
  void restart() {
    super.restart();
    boot();
  }

  /** Where requests go now, if anywhere; asks for a selection when there is no leader. */
  Optional<Leadership> leader() {
    Optional<Leadership> leader = coordinator.leader();
    if (leader.isEmpty() && !coordinator.selecting()) {
      input(new CoordinatorInput.LeaderWanted());
    }
    return coordinator.leader();
  }

  long recordedEpoch() {
    return recordedEpoch;
  }

  /** A request saw {@code leadership}'s leader fail. */
  void leaderFailed(Leadership leadership, String why) {
    input(new CoordinatorInput.LeaderFailed(leadership.id(), why));
  }

  private void input(CoordinatorInput in) {
    List<CoordinatorEffect> effects;
    try {
      effects = coordinator.handle(in, world.now());
    } catch (RuntimeException e) {
      throw new SimulationFailure("the frontend's coordinator threw on " + in, e);
    }
    if (!(in instanceof CoordinatorInput.Tick) || !effects.isEmpty()) {
      world.trace(name, "<-", in);
    }
    for (CoordinatorEffect effect : effects) {
      world.trace(name, "->", effect);
      perform(effect);
    }
  }

  private void perform(CoordinatorEffect effect) {
    int incarnation = incarnation();
    if (effect instanceof CoordinatorEffect.Probe p) {
      probe(p);
    } else if (effect instanceof CoordinatorEffect.RecordEpoch r) {
      world.invariants.epochRecorded(r.epoch(), recordedEpoch);
      recording = r.epoch();
      world.scheduler.after(RECORD_LATENCY, () -> deliver(incarnation, () -> {
        recordedEpoch = Math.max(recordedEpoch, recording);
        recording = 0;
        input(new CoordinatorInput.Recorded(r.recordId()));
      }));
    } else if (effect instanceof CoordinatorEffect.AskToLead a) {
      ReplicaNode node = world.replica(a.replica());
      world.network.<Outcome>call(address, a.replica(), world.settings.leadTimeout(), "lead " + a.epoch(),
          answer -> node.serveLead(a.epoch(), answer), outcome -> input(outcome instanceof Outcome.Led
              ? new CoordinatorInput.Led(a.callId())
              : new CoordinatorInput.LeadRefused(a.callId(), refusal(outcome), String.valueOf(outcome))),
          why -> input(new CoordinatorInput.LeadUnanswered(a.callId(), why)));
    } else if (effect instanceof CoordinatorEffect.GiveUp) {
      List<Runnable> cancelled = List.copyOf(onGiveUp);
      onGiveUp.clear();
      cancelled.forEach(Runnable::run);
    }
  }

  private static CoordinatorInput.Refusal refusal(Outcome outcome) {
    return outcome instanceof Outcome.StaleEpoch ? CoordinatorInput.Refusal.STALE_EPOCH
        : outcome instanceof Outcome.NoMajority || outcome instanceof Outcome.DiskFault
        ? CoordinatorInput.Refusal.NO_MAJORITY : CoordinatorInput.Refusal.OTHER;
  }

  /** One probe round: every replica asked at once, the answers handed over together. */
  private void probe(CoordinatorEffect.Probe p) {
    List<Health> answered = new ArrayList<>();
    int[] waiting = {p.replicas().size()};
    Runnable settled = () -> {
      if (--waiting[0] == 0) {
        input(new CoordinatorInput.Probed(p.roundId(), List.copyOf(answered)));
      }
    };
    for (int id : p.replicas()) {
      ReplicaNode r = world.replica(id);
      world.network.<ReplicaView>call(address, id, world.settings.probeTimeout(), "health",
          answer -> answer.accept(r.view()), view -> {
            answered.add(new Health(view.id(), view.role(), view.aligned(), view.epoch(), view.quorum(),
                view.fault() != null));
            settled.run();
          }, why -> settled.run());
    }
  }

  /** Forwards a call to the leader; {@code answered} gets its outcome, or null when it did not answer or was cancelled. */
  <A> void toLeader(int to, Object what, long timeout, Consumer<Consumer<A>> serve, Consumer<A> answered) {
    boolean[] over = {false};
    Consumer<A> once = a -> {
      if (!over[0]) {
        over[0] = true;
        answered.accept(a);
      }
    };
    onGiveUp.add(() -> once.accept(null));
    world.network.<A>call(address, to, timeout, what, serve, once, why -> once.accept(null));
  }
}
