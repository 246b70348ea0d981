package toystore.frontend.election;

import java.util.Iterator;
import java.util.List;

/**
 * One selection in progress: why it runs, what it waits for, and the candidates still to ask.
 * Epochs grow with each candidate asked, so a refusing candidate's epoch is never reused.
 */
final class Selection {
  /** Who started it decides how a failure is told: a log line at start or from the monitor, an answer to a request. */
  enum Trigger { START, MONITOR, REQUEST }

  enum Step { PROBING, RECORDING, ASKING }

  final Trigger trigger;
  Step step;
  /** The id of the effect it waits for. */
  long waitingFor;
  private Iterator<Integer> candidates;
  int candidate;
  long epoch;

  Selection(Trigger trigger) {
    this.trigger = trigger;
  }

  void candidates(List<Integer> highestFirst, long newestEpoch) {
    this.candidates = highestFirst.iterator();
    this.epoch = newestEpoch;
  }

  /** Moves to the next candidate with a new epoch; false when none is left. */
  boolean next() {
    if (!candidates.hasNext()) {
      return false;
    }
    candidate = candidates.next();
    epoch++;
    return true;
  }
}
