package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.model.IdempotencyKey;
import toystore.order.OrderLog;

/**
 * The state machine applies only entries signed with the cluster secret (docs/SECURITY.md): a forged
 * entry that reached the log is refused the same way on every replica and is no order.
 */
class OrderStateMachineTest {
  private static final String SECRET = "store secret";

  @TempDir
  Path dir;

  private long index;

  private Applied apply(OrderStateMachine machine, Message content) throws Exception {
    index++;
    LogEntryProto entry = LogEntryProto.newBuilder().setTerm(1).setIndex(index)
        .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(content.getContent())).build();
    TransactionContext trx = TransactionContext.newBuilder().setStateMachine(machine)
        .setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
    return Applied.of(machine.applyTransaction(trx).get());
  }

  @Test
  void aForgedEntryIsRefusedAndASignedOneIsOrdered() throws Exception {
    OrderStateMachine machine = new OrderStateMachine(1, new OrderLog(dir.resolve("orders.db")), new CommandSeal(SECRET),
        term -> { }, () -> { }, new OrderStateMachine.Leadership() {
          @Override
          public void elected() {
          }

          @Override
          public void steppedDown() {
          }
        });
    try {
      machine.reinitialize();
      OrderCommand forged = new OrderCommand("Tux", 5, IdempotencyKey.client("forged"), 1);
      assertThat(apply(machine, Message.valueOf(ByteString.copyFrom(forged.json())))).as("unsigned")
          .isEqualTo(new Applied(Applied.Verdict.UNSIGNED, 0));
      assertThat(apply(machine, new CommandSeal("a guess").seal(forged))).as("signed with another secret")
          .isEqualTo(new Applied(Applied.Verdict.UNSIGNED, 0));
      assertThat(machine.book().last()).isZero();
      assertThat(machine.book().numberOf(forged.key())).isNull();

      OrderCommand real = new OrderCommand("Tux", 1, IdempotencyKey.client("real"), 1);
      assertThat(apply(machine, new CommandSeal(SECRET).seal(real))).isEqualTo(new Applied(Applied.Verdict.ORDERED, 1));
      assertThat(machine.book().last()).isEqualTo(1);
    } finally {
      machine.close();
    }
  }
}
