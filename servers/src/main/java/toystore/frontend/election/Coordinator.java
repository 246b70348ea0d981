package toystore.frontend.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import toystore.client.ReplicaAddress;
import toystore.frontend.election.CoordinatorEffect.AskToLead;
import toystore.frontend.election.CoordinatorEffect.GiveUp;
import toystore.frontend.election.CoordinatorEffect.LeaderChosen;
import toystore.frontend.election.CoordinatorEffect.Level;
import toystore.frontend.election.CoordinatorEffect.NoLeader;
import toystore.frontend.election.CoordinatorEffect.Note;
import toystore.frontend.election.CoordinatorEffect.Probe;
import toystore.frontend.election.CoordinatorEffect.RecordEpoch;
import toystore.frontend.election.CoordinatorInput.LeadRefused;
import toystore.frontend.election.CoordinatorInput.LeadUnanswered;
import toystore.frontend.election.CoordinatorInput.LeaderFailed;
import toystore.frontend.election.CoordinatorInput.LeaderWanted;
import toystore.frontend.election.CoordinatorInput.Led;
import toystore.frontend.election.CoordinatorInput.Probed;
import toystore.frontend.election.CoordinatorInput.RecordFailed;
import toystore.frontend.election.CoordinatorInput.Recorded;
import toystore.frontend.election.CoordinatorInput.Tick;
import toystore.model.Role;

/**
 * The frontend's leader election (docs/DESIGN.md, leader selection) as a pure state machine: no
 * threads, no clock, no network, no disk. The highest live replica id leads; each selection hands
 * out a new epoch, recorded durably before it is used, that fences every older leader. Leadership is
 * stable: it moves only when the leader stops answering, stops leading, or says twice in a row that
 * it lost its majority.
 *
 * <p>Driving it: call {@link #handle} with each input and the time {@code now} (nanoseconds on any
 * monotonic clock); do the effects it returns, in order, and feed each one's result back as the
 * input carrying the same id ({@code Probe.roundId} → {@code Probed}, {@code RecordEpoch.recordId} →
 * {@code Recorded}/{@code RecordFailed}, {@code AskToLead.callId} → {@code Led}/{@code LeadRefused}/
 * {@code LeadUnanswered}). An answer with an id it no longer waits for is ignored. {@code Tick} it
 * often (every poll interval or finer): a probe round starts when one is due, one poll interval after
 * the previous round answered. {@code LeaderWanted} is a request with no leader; {@code
 * LeaderFailed} a request that saw the leader fail. {@code LeaderChosen} and {@code GiveUp} say
 * where requests go; {@link #leader()} says the same at any time.
 *
 * <p>Until {@link #started()}, rounds wait up to the startup grace for every replica, so that the
 * highest id leads when they come up one by one; the round that sees all of them (or ends the
 * grace) selects, with or without a majority (a failure is logged).
 */
public final class Coordinator {
  private final List<Integer> highestFirst;
  private final int majority;
  private final CoordinatorTiming timing;
  private final long createdAt;
  private long nextId = 1;
  /** The highest epoch recorded (or maybe recorded): a new one is always above it. */
  private long highestRecorded;
  private boolean started;

  private Leadership leader;
  /** Consecutive rounds in which the leader said it cannot reach a majority. */
  private int roundsWithoutQuorum;
  private Selection selection;
  private boolean hasFailed;
  private long lastFailure;

  /** The monitor's probe round in flight, or 0. */
  private long round;
  /** The second, leader-only probe of a round in which the leader was silent, or 0. */
  private long reprobe;
  /** What the round with a re-probe in flight saw. */
  private Map<Integer, Health> reprobed;
  private long nextRoundAt;

  /**
   * @param replicas every replica's id
   * @param highestRecorded the highest epoch in the epoch store
   */
  public Coordinator(List<Integer> replicas, long highestRecorded, CoordinatorTiming timing, long now) {
    this.highestFirst = replicas.stream().sorted(Comparator.reverseOrder()).toList();
    this.majority = ReplicaAddress.majority(replicas.size());
    this.highestRecorded = highestRecorded;
    this.timing = timing;
    this.createdAt = now;
    this.nextRoundAt = now;
  }

  /** Handles one input at time {@code now}; returns what to do, in order. */
  public List<CoordinatorEffect> handle(CoordinatorInput input, long now) {
    List<CoordinatorEffect> out = new ArrayList<>();
    if (input instanceof Tick) {
      tick(now, out);
    } else if (input instanceof Probed p) {
      probed(p, now, out);
    } else if (input instanceof Recorded r) {
      recorded(r.recordId(), out);
    } else if (input instanceof RecordFailed f) {
      recordFailed(f, now, out);
    } else if (input instanceof Led l) {
      led(l.callId(), out);
    } else if (input instanceof LeadRefused r) {
      if (waitingFor(Selection.Step.ASKING, r.callId())) {
        passOn("cannot lead epoch " + selection.epoch + ": " + r.why(), now, out);
      }
    } else if (input instanceof LeadUnanswered u) {
      if (waitingFor(Selection.Step.ASKING, u.callId())) {
        passOn("did not answer: " + u.why(), now, out);
      }
    } else if (input instanceof LeaderWanted) {
      select(Selection.Trigger.REQUEST, null, now, out);
    } else if (input instanceof LeaderFailed f) {
      if (leader != null && leader.id() == f.leadershipId()) {
        giveUp(f.why(), out);
      }
    }
    return out;
  }

  /** The leader requests go to, if there is one. */
  public Optional<Leadership> leader() {
    return Optional.ofNullable(leader);
  }

  /** A selection is in progress: a request that wants a leader waits for it to end. */
  public boolean selecting() {
    return selection != null;
  }

  /** The startup grace is over and the first selection has begun (it may be in progress still). */
  public boolean started() {
    return started;
  }

  private void tick(long now, List<CoordinatorEffect> out) {
    if (round == 0 && reprobe == 0 && now - nextRoundAt >= 0) {
      round = nextId++;
      out.add(new Probe(round, highestFirst));
    }
  }

  private void probed(Probed p, long now, List<CoordinatorEffect> out) {
    Map<Integer, Health> live = new LinkedHashMap<>();
    for (Health h : p.answered()) {
      if (highestFirst.contains(h.id())) {
        live.put(h.id(), h);
      }
    }
    if (selection != null && selection.step == Selection.Step.PROBING && selection.waitingFor == p.roundId()) {
      choose(live, now, out);
    } else if (p.roundId() == round) {
      round = 0;
      nextRoundAt = now + timing.poll().toNanos();
      if (started) {
        watch(p.roundId(), live, now, out);
      } else if (live.size() == highestFirst.size() || now - createdAt >= timing.startupGrace().toNanos()) {
        started = true;
        select(Selection.Trigger.START, live, now, out);
      }
    } else if (p.roundId() == reprobe) {
      reprobe = 0;
      nextRoundAt = now + timing.poll().toNanos();
      Map<Integer, Health> seen = reprobed;
      reprobed = null;
      if (leader != null && leader.id() < p.roundId()) {
        judge(live.get(leader.replica()), out);
      }
      afterWatch(seen, now, out);
    }
  }

  /** One monitor round: is the leader still fit (asking once more if it was silent), and is one needed? */
  private void watch(long roundId, Map<Integer, Health> live, long now, List<CoordinatorEffect> out) {
    // A round that started before this leader was chosen says nothing about it.
    if (leader != null && leader.id() < roundId) {
      Health h = live.get(leader.replica());
      if (h == null) {
        // One slow probe on a busy machine is not a death: ask once more at once before giving up.
        reprobe = nextId++;
        reprobed = live;
        out.add(new Probe(reprobe, List.of(leader.replica())));
        return;
      }
      judge(h, out);
    }
    afterWatch(live, now, out);
  }

  private void judge(Health h, List<CoordinatorEffect> out) {
    // Like a missed probe, one round without a majority may be a busy machine: two in a row are not.
    roundsWithoutQuorum = h != null && !h.quorum() ? roundsWithoutQuorum + 1 : 0;
    String problem = h == null ? "does not answer"
        : h.role() != Role.LEADER ? "no longer leads"
        : roundsWithoutQuorum >= 2 ? "cannot reach a majority of replicas"
        : null;
    if (problem != null) {
      giveUp(problem, out);
    }
  }

  private void afterWatch(Map<Integer, Health> live, long now, List<CoordinatorEffect> out) {
    if (leader == null && live.size() >= majority) {
      // What the probes just saw: probing again would wait once more for a replica that is frozen.
      select(Selection.Trigger.MONITOR, live, now, out);
    }
  }

  private void giveUp(String why, List<CoordinatorEffect> out) {
    out.add(new Note(Level.INFO, "leader " + leader.replica() + " given up: " + why));
    out.add(new GiveUp(leader, why));
    leader = null;
    roundsWithoutQuorum = 0;
  }

  /**
   * Starts a selection unless there is a leader or one is in progress.
   *
   * @param live the replicas that answered a probe just now, or null to probe them first
   */
  private void select(Selection.Trigger trigger, Map<Integer, Health> live, long now, List<CoordinatorEffect> out) {
    if (leader != null || selection != null) {
      return;
    }
    selection = new Selection(trigger);
    if (hasFailed && now - lastFailure < timing.retryPause().toNanos()) {
      end("no leader yet", out);
    } else if (live == null) {
      selection.step = Selection.Step.PROBING;
      selection.waitingFor = nextId++;
      out.add(new Probe(selection.waitingFor, highestFirst));
    } else {
      choose(live, now, out);
    }
  }

  private void choose(Map<Integer, Health> live, long now, List<CoordinatorEffect> out) {
    if (live.size() < majority) {
      fail("only " + live.size() + " of " + highestFirst.size() + " order replicas answer", now, out);
      return;
    }
    long epoch = Math.max(highestRecorded, live.values().stream().mapToLong(Health::epoch).max().orElse(0));
    for (Health h : live.values()) {
      if (h.leadsWithQuorum() && h.aligned() && h.epoch() == epoch) {
        out.add(new Note(Level.INFO, "replica " + h.id() + " already leads epoch " + epoch));
        chosen(h.id(), epoch, out);
        return;
      }
    }
    List<Integer> candidates = new ArrayList<>();
    for (int id : highestFirst) {
      Health h = live.get(id);
      if (h != null && h.canLead()) {
        candidates.add(id);
      }
    }
    selection.candidates(candidates, epoch);
    nextCandidate(now, out);
  }

  private void nextCandidate(long now, List<CoordinatorEffect> out) {
    if (!selection.next()) {
      fail("no order replica can lead", now, out);
      return;
    }
    selection.step = Selection.Step.RECORDING;
    selection.waitingFor = nextId++;
    out.add(new RecordEpoch(selection.waitingFor, selection.epoch));
  }

  private void recorded(long recordId, List<CoordinatorEffect> out) {
    if (!waitingFor(Selection.Step.RECORDING, recordId)) {
      return;
    }
    highestRecorded = Math.max(highestRecorded, selection.epoch);
    selection.step = Selection.Step.ASKING;
    selection.waitingFor = nextId++;
    out.add(new AskToLead(selection.waitingFor, selection.candidate, selection.epoch));
  }

  private void recordFailed(RecordFailed f, long now, List<CoordinatorEffect> out) {
    if (!waitingFor(Selection.Step.RECORDING, f.recordId())) {
      return;
    }
    // The write may have landed: never hand this epoch out again.
    highestRecorded = Math.max(highestRecorded, selection.epoch);
    fail("cannot record the epoch: " + f.error(), now, out);
  }

  private void led(long callId, List<CoordinatorEffect> out) {
    if (!waitingFor(Selection.Step.ASKING, callId)) {
      return;
    }
    out.add(new Note(Level.INFO, "replica " + selection.candidate + " is the leader of epoch " + selection.epoch));
    chosen(selection.candidate, selection.epoch, out);
  }

  /** The candidate cannot lead (a lower id may well reach a majority) or did not answer: ask the next one. */
  private void passOn(String what, long now, List<CoordinatorEffect> out) {
    out.add(new Note(Level.INFO, "replica " + selection.candidate + " " + what));
    nextCandidate(now, out);
  }

  private boolean waitingFor(Selection.Step step, long id) {
    return selection != null && selection.step == step && selection.waitingFor == id;
  }

  private void chosen(int replica, long epoch, List<CoordinatorEffect> out) {
    leader = new Leadership(nextId++, replica, epoch);
    roundsWithoutQuorum = 0;
    selection = null;
    out.add(new LeaderChosen(leader));
  }

  private void fail(String why, long now, List<CoordinatorEffect> out) {
    hasFailed = true;
    lastFailure = now;
    end(why, out);
  }

  /** Ends the selection without a leader, telling whoever started it why. */
  private void end(String why, List<CoordinatorEffect> out) {
    Selection.Trigger trigger = selection.trigger;
    selection = null;
    switch (trigger) {
      case START -> out.add(new Note(Level.INFO, "no leader at start: " + why));
      case MONITOR -> out.add(new Note(Level.DEBUG, "no leader: " + why));
      case REQUEST -> out.add(new NoLeader(why));
    }
  }
}
