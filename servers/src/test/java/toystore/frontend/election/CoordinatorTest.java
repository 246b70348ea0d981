package toystore.frontend.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import toystore.frontend.election.CoordinatorEffect.AskToLead;
import toystore.frontend.election.CoordinatorEffect.GiveUp;
import toystore.frontend.election.CoordinatorEffect.NoLeader;
import toystore.frontend.election.CoordinatorEffect.Note;
import toystore.frontend.election.CoordinatorEffect.Probe;
import toystore.frontend.election.CoordinatorEffect.RecordEpoch;
import toystore.model.Role;

/** The coordinator driven in-process: replicas are a map of health checks, every effect is done at once. */
class CoordinatorTest {
  private static final long POLL = CoordinatorTiming.standard().poll().toNanos();

  private final Map<Integer, Health> replicas = new HashMap<>();
  private final Set<Integer> refusing = new HashSet<>();
  private final List<Long> recorded = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<CoordinatorEffect> effects = new ArrayList<>();
  private long now;
  private final Coordinator coordinator;

  CoordinatorTest() {
    for (int id = 1; id <= 3; id++) {
      replicas.put(id, new Health(id, null, false, 0, false, false));
    }
    coordinator = new Coordinator(List.of(1, 2, 3), 0, CoordinatorTiming.standard(), now);
  }

  /** Feeds {@code input} and does every effect it leads to, as the shell would. */
  private void drive(CoordinatorInput input) {
    List<CoordinatorInput> inputs = new ArrayList<>(List.of(input));
    while (!inputs.isEmpty()) {
      for (CoordinatorEffect effect : coordinator.handle(inputs.remove(0), now)) {
        effects.add(effect);
        if (effect instanceof Probe p) {
          inputs.add(new CoordinatorInput.Probed(p.roundId(),
              p.replicas().stream().filter(replicas::containsKey).map(replicas::get).toList()));
        } else if (effect instanceof RecordEpoch r) {
          recorded.add(r.epoch());
          inputs.add(new CoordinatorInput.Recorded(r.recordId()));
        } else if (effect instanceof AskToLead a) {
          inputs.add(lead(a));
        } else if (effect instanceof Note n) {
          notes.add(n.message());
        }
      }
    }
  }

  private CoordinatorInput lead(AskToLead ask) {
    if (!replicas.containsKey(ask.replica())) {
      return new CoordinatorInput.LeadUnanswered(ask.callId(), "timeout");
    }
    if (refusing.contains(ask.replica())) {
      return new CoordinatorInput.LeadRefused(ask.callId(), CoordinatorInput.Refusal.NO_MAJORITY, "no majority");
    }
    replicas.replaceAll((id, h) -> new Health(id, id == ask.replica() ? Role.LEADER : Role.FOLLOWER, true,
        ask.epoch(), true, false));
    return new CoordinatorInput.Led(ask.callId());
  }

  private void round() {
    now += POLL;
    drive(new CoordinatorInput.Tick());
  }

  private Leadership leader() {
    return coordinator.leader().orElseThrow();
  }

  private void startWithAllUp() {
    drive(new CoordinatorInput.Tick());
    assertThat(coordinator.started()).isTrue();
  }

  @Test
  void firstSelectionPicksTheHighestId() {
    startWithAllUp();
    assertThat(leader().replica()).isEqualTo(3);
    assertThat(leader().epoch()).isEqualTo(1);
    assertThat(recorded).containsExactly(1L);
    assertThat(notes).contains("replica 3 is the leader of epoch 1");
  }

  @Test
  void startWaitsOutTheGraceForEveryReplica() {
    Health late = replicas.remove(3);
    drive(new CoordinatorInput.Tick());
    assertThat(coordinator.started()).isFalse();
    round();
    replicas.put(3, late);
    round();
    assertThat(leader().replica()).isEqualTo(3);
  }

  @Test
  void afterTheGraceSelectsAmongThoseThatAnswer() {
    replicas.remove(3);
    drive(new CoordinatorInput.Tick());
    now += CoordinatorTiming.standard().startupGrace().toNanos();
    drive(new CoordinatorInput.Tick());
    assertThat(leader().replica()).isEqualTo(2);
  }

  @Test
  void aDeadLeaderIsReplacedWithAHigherEpochAfterOneReprobe() {
    startWithAllUp();
    replicas.remove(3);
    round();
    assertThat(effects).filteredOn(e -> e instanceof Probe p && p.replicas().equals(List.of(3))).hasSize(1);
    assertThat(effects).filteredOn(e -> e instanceof GiveUp).hasSize(1);
    assertThat(notes).contains("leader 3 given up: does not answer");
    assertThat(leader().replica()).isEqualTo(2);
    assertThat(leader().epoch()).isEqualTo(2);
    assertThat(recorded).containsExactly(1L, 2L);
  }

  @Test
  void aQuorumlessLeaderIsKeptOneRoundAndReplacedOnTheSecond() {
    startWithAllUp();
    replicas.put(3, new Health(3, Role.LEADER, true, 1, false, false));
    round();
    assertThat(leader().replica()).isEqualTo(3);
    round();
    assertThat(notes).contains("leader 3 given up: cannot reach a majority of replicas");
    // It still says it leads without a majority: it is the one cut off and is skipped.
    assertThat(leader().replica()).isEqualTo(2);
    assertThat(leader().epoch()).isEqualTo(2);
  }

  @Test
  void aRefusingCandidateFallsThroughToTheNextWithANewEpoch() {
    refusing.add(3);
    startWithAllUp();
    assertThat(notes).contains("replica 3 cannot lead epoch 1: no majority");
    assertThat(leader().replica()).isEqualTo(2);
    assertThat(leader().epoch()).isEqualTo(2);
    assertThat(recorded).containsExactly(1L, 2L);
  }

  @Test
  void aLeaderThatLeadsTheNewestEpochWithAMajorityIsKept() {
    replicas.replaceAll((id, h) -> new Health(id, id == 1 ? Role.LEADER : Role.FOLLOWER, true, 7, true, false));
    startWithAllUp();
    assertThat(leader()).isEqualTo(new Leadership(leader().id(), 1, 7));
    assertThat(recorded).isEmpty();
    assertThat(notes).contains("replica 1 already leads epoch 7");
  }

  @Test
  void aReportedFailureOfAnEarlierTermGivesUpNothing() {
    startWithAllUp();
    Leadership first = leader();
    drive(new CoordinatorInput.LeaderFailed(first.id(), "it says it is not the leader"));
    now += POLL;
    drive(new CoordinatorInput.LeaderWanted());
    assertThat(leader().replica()).isEqualTo(3);
    drive(new CoordinatorInput.LeaderFailed(first.id(), "a late report"));
    assertThat(coordinator.leader()).isPresent();
  }

  @Test
  void withoutAMajorityARequestIsToldWhyThenToldToWaitDuringThePause() {
    startWithAllUp();
    replicas.remove(3);
    replicas.remove(2);
    drive(new CoordinatorInput.LeaderFailed(leader().id(), "an order call failed"));
    drive(new CoordinatorInput.LeaderWanted());
    now += Duration.ofMillis(10).toNanos();
    drive(new CoordinatorInput.LeaderWanted());
    assertThat(effects).filteredOn(e -> e instanceof NoLeader).map(e -> ((NoLeader) e).why())
        .containsExactly("only 1 of 3 order replicas answer", "no leader yet");
  }
}
