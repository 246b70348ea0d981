package toystore.frontend.election;

import java.util.List;

/**
 * Everything that can happen to the coordinator: time passing, the answer (or silence) to something
 * it asked for, a request that wants a leader, or a request that found the leader failed.
 */
public sealed interface CoordinatorInput {
  /** Time passed: a probe round starts when one is due. The shell ticks every poll interval. */
  record Tick() implements CoordinatorInput {}

  /** The replicas of {@link CoordinatorEffect.Probe} {@code roundId} that answered; the others were silent. */
  record Probed(long roundId, List<Health> answered) implements CoordinatorInput {}

  /** The epoch of {@link CoordinatorEffect.RecordEpoch} {@code recordId} is durable. */
  record Recorded(long recordId) implements CoordinatorInput {}

  /** Recording {@link CoordinatorEffect.RecordEpoch} {@code recordId} failed. */
  record RecordFailed(long recordId, String error) implements CoordinatorInput {}

  /** The replica asked by {@link CoordinatorEffect.AskToLead} {@code callId} leads the epoch. */
  record Led(long callId) implements CoordinatorInput {}

  /** The replica asked by {@code callId} answered that it cannot lead the epoch. */
  record LeadRefused(long callId, Refusal refusal, String why) implements CoordinatorInput {}

  /** The replica asked by {@code callId} did not answer (down, cut off, timed out). */
  record LeadUnanswered(long callId, String why) implements CoordinatorInput {}

  /** A request wants the leader and there is none: select one now (answered by a chosen leader or {@link CoordinatorEffect.NoLeader}). */
  record LeaderWanted() implements CoordinatorInput {}

  /** A request found the leader of term {@code leadershipId} dead, frozen, cut off or deposed. */
  record LeaderFailed(long leadershipId, String why) implements CoordinatorInput {}

  /** Why a replica would not lead: every refusal sends the coordinator on to the next lower id. */
  enum Refusal {
    /** It has promised a newer epoch already. */
    STALE_EPOCH,
    /** It cannot lead with a majority: none joined in time, the log could not be re-replicated, or its disk fails. */
    NO_MAJORITY,
    /** Any other refusal. */
    OTHER
  }
}
