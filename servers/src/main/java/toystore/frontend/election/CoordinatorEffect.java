package toystore.frontend.election;

import java.util.List;

/**
 * What the coordinator wants done; the shell (or the simulator) does it and reports back with the
 * {@link CoordinatorInput} that carries the same id. Effects are returned in order.
 */
public sealed interface CoordinatorEffect {
  /** Ask these replicas for their health; the answers come back as one {@link CoordinatorInput.Probed}. */
  record Probe(long roundId, List<Integer> replicas) implements CoordinatorEffect {}

  /**
   * Record {@code epoch} durably before it is used, so a restarted frontend never hands it out
   * again; comes back as {@link CoordinatorInput.Recorded} or {@link CoordinatorInput.RecordFailed}.
   */
  record RecordEpoch(long recordId, long epoch) implements CoordinatorEffect {}

  /**
   * Ask {@code replica} to lead {@code epoch}; comes back as {@link CoordinatorInput.Led},
   * {@link CoordinatorInput.LeadRefused} or {@link CoordinatorInput.LeadUnanswered}.
   */
  record AskToLead(long callId, int replica, long epoch) implements CoordinatorEffect {}

  /** Send requests to this leader from now on. */
  record LeaderChosen(Leadership leadership) implements CoordinatorEffect {}

  /** This leader is given up: cancel every call still in flight to it, and fail any that starts. */
  record GiveUp(Leadership leadership, String why) implements CoordinatorEffect {}

  /** The answer to {@link CoordinatorInput.LeaderWanted} when no leader can be had right now. */
  record NoLeader(String why) implements CoordinatorEffect {}

  /** Something an operator wants to read in the log. */
  record Note(Level level, String message) implements CoordinatorEffect {}

  enum Level { DEBUG, INFO }
}
