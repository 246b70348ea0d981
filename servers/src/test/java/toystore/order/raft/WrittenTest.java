package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.junit.jupiter.api.Test;
import toystore.order.protocol.Outcome;

/** How Raft's answers to an order entry become outcomes, and which leave its key unsure (docs/DESIGN.md "Raft engine"). */
class WrittenTest {
  private static final Outcome PLACED = new Outcome.Retry("stands for Placed in this test");

  private static RaftClientReply.Builder reply() {
    return RaftClientReply.newBuilder().setClientId(ClientId.randomId()).setCallId(1)
        .setServerId(RaftGroupMemberId.valueOf(RaftPeers.peerId(1), RaftPeers.GROUP));
  }

  private static Written applied(Applied applied) {
    return Written.of(reply().setSuccess().setMessage(applied.message()).build(), null, number -> PLACED);
  }

  @Test
  void aStaleTermRefusalIsARetryOnTheSameLeaderNotAMoveAndCannotCommit() {
    Written written = applied(new Applied(Applied.Verdict.STALE_TERM, 0));
    assertThat(written.outcome()).isInstanceOf(Outcome.Retry.class);
    assertThat(written.maybeCommits()).isFalse();
  }

  @Test
  void aNumberedEntryIsPlaced() {
    assertThat(applied(new Applied(Applied.Verdict.ORDERED, 7))).isEqualTo(new Written(PLACED, false));
  }

  @Test
  void noAnswerMayStillCommit() {
    Written written = Written.of(null, new TimeoutException("late"), number -> PLACED);
    assertThat(written.outcome()).isInstanceOf(Outcome.NoMajority.class);
    assertThat(written.maybeCommits()).isTrue();
  }

  @Test
  void refusalsBeforeTheAppendCannotCommitSoTheirPurchaseIsSettled() {
    RaftGroupMemberId leader = RaftGroupMemberId.valueOf(RaftPeers.peerId(1), RaftPeers.GROUP);
    for (RaftException refused : List.of(new LeaderNotReadyException(leader), new LeaderSteppingDownException("stepping down"))) {
      assertThat(Written.of(reply().setException(refused).build(), null, number -> PLACED).maybeCommits())
          .as("%s", refused.getClass().getSimpleName()).isFalse();
    }
    // Too many pending: Ratis fails the future rather than answering.
    assertThat(Written.of(null, new CompletionException(new ResourceUnavailableException("too many pending")),
        number -> PLACED).maybeCommits()).isFalse();
  }

  @Test
  void anUnreadableVerdictFailsLoudly() {
    assertThatThrownBy(() -> Written.of(
            reply().setSuccess().setMessage(Message.valueOf("not json")).build(), null, number -> PLACED))
        .isInstanceOf(IllegalStateException.class);
  }
}
