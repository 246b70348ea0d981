package toystore.order.raft;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.function.LongFunction;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
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
      return failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
    }
    if (!answer.isSuccess()) {
      return failed(answer.getException());
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
    return switch (applied.verdict()) {
      case STALE_TERM -> new Written(new Outcome.Retry("the order was taken in an earlier Raft term; retry"), false);
      case UNSIGNED -> new Written(MISSIGNED, false);
      case ORDERED, REPEATED -> new Written(placed.apply(applied.number()), false);
    };
  }

  /** This replica's own entry refused as unsigned: its cluster secret is not the other replicas'. */
  private static final Outcome MISSIGNED = new Outcome.Unavailable("the Raft log refused this replica's order entry as"
      + " unsigned: every replica of a store needs the same cluster secret");

  /**
   * Ratis refuses some requests before it appends their entry (its leader not ready yet, stepping
   * down, with too many requests pending, or the state machine refusing it): those can never commit, so their purchase is left to
   * the periodic settlement. A NotLeaderException comes both before the append and for an entry
   * pending when the leader stepped down, so it stays unsure (harmless: this replica never leads
   * that term again, and its next take-over clears the unsure keys). Anything else, no answer
   * among them, may still commit in its term.
   */
  private static Written failed(Throwable e) {
    if (e instanceof LeaderNotReadyException) {
      return new Written(new Outcome.CatchingUp(), false);
    } else if (e instanceof LeaderSteppingDownException) {
      return new Written(new Outcome.NotLeader(RaftEngine.MOVED), false);
    } else if (e instanceof ResourceUnavailableException) {
      return new Written(new Outcome.Retry("the Raft leader has too many orders pending; retry"), false);
    } else if (e instanceof StateMachineException) {
      // Refused by the state machine's startTransaction (the signature), or the leader's own append failed.
      return new Written(new Outcome.Unavailable("the Raft leader did not append the order: " + e.getMessage()), false);
    } else if (e instanceof NotLeaderException) {
      return new Written(new Outcome.NotLeader(RaftEngine.MOVED), true);
    }
    return new Written(new Outcome.NoMajority("order not committed by a majority"
        + (e == null ? "" : ": " + e.getMessage())), true);
  }
}
