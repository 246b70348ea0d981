package toystore.order.raft;

import java.io.IOException;
import java.util.function.LongFunction;
import org.apache.ratis.protocol.RaftClientReply;
import toystore.order.protocol.Outcome;

/**
 * What Raft's answer to an order entry means (docs/DESIGN.md "Raft engine"): the outcome for the
 * client, and whether the entry may still commit in its term, which keeps its key from being taken
 * for an orphan while this replica leads that term ({@link Attempts}).
 */
record Written(Outcome outcome, boolean maybeCommits) {
  /** Raft's answer could not be read: the entry may have committed. */
  static final Written UNREAD = new Written(new Outcome.NoMajority("order not confirmed: Raft's answer could not be read"),
      true);

  /**
   * Reads Raft's answer ({@code error}: the submission failed); {@code placed} answers an entry
   * the state machine numbered.
   */
  static Written of(RaftClientReply answer, Throwable error, LongFunction<Outcome> placed) {
    if (error != null) {
      return new Written(new Outcome.NoMajority("order not committed by a majority: " + error.getMessage()), true);
    }
    if (!answer.isSuccess()) {
      return new Written(answer.getNotLeaderException() != null ? new Outcome.NotLeader(RaftEngine.MOVED)
          : answer.getLeaderNotReadyException() != null ? new Outcome.CatchingUp()
          : new Outcome.NoMajority("order not committed by a majority"), true);
    }
    Applied applied;
    try {
      applied = Applied.of(answer.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException("the state machine answers every order entry with its verdict", e);
    }
    // Applied: the entry committed, or was refused and cannot commit. A refusal for its term says
    // the purchase was made in an earlier term of this leadership, not that this replica no longer
    // leads: 503, which the frontend retries here with the key (a new purchase in the current term);
    // a 421 would make it give up a leader that still leads.
    return applied.verdict() == Applied.Verdict.STALE_TERM
        ? new Written(new Outcome.Retry("the order was taken in an earlier Raft term; retry"), false)
        : new Written(placed.apply(applied.number()), false);
  }
}
