package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.config.Replication;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ProtocolMessage.Kind;
import toystore.wire.order.ViewChangeReport;

/** The Protocol panel's pure parts: reading the counters off {@code /metrics}, and a view change in words. */
class ProtocolTextTest {
  private static final String SCRAPE = """
      # HELP toystore_replica_messages_total Lab protocol messages
      # TYPE toystore_replica_messages_total counter
      toystore_replica_messages_total{direction="sent",kind="heartbeat"} %s
      toystore_replica_messages_total{direction="received",kind="append"} 3.0
      toystore_replica_epoch 2.0
      """;

  @Test
  void ratesAreTheCountersGrowthPerSecondAndUnknownAcrossARestart() {
    MessageCounts before = MessageCounts.parse(SCRAPE.formatted("10.0"), 0);
    MessageCounts after = MessageCounts.parse(SCRAPE.formatted("30.0"), 2_000_000_000L);
    MessageCounts restarted = MessageCounts.parse(SCRAPE.formatted("1.0"), 3_000_000_000L);

    assertThat(after.rate(before, Kind.HEARTBEAT, Direction.SENT)).isEqualTo(10.0);
    assertThat(after.rate(before, Kind.APPEND, Direction.RECEIVED)).isEqualTo(0.0);
    assertThat(after.rate(before, Kind.JOIN, Direction.SENT)).isEqualTo(0.0);
    assertThat(restarted.rate(after, Kind.HEARTBEAT, Direction.SENT)).isNull();
    MessageCounts muchLater = MessageCounts.parse(SCRAPE.formatted("90.0"), 60_000_000_000L);
    assertThat(muchLater.rate(after, Kind.HEARTBEAT, Direction.SENT)).as("a scrape from before the tab was hidden").isNull();
    assertThat(MessageCounts.parse("toystore_replica_epoch 2.0\n", 0).present()).isFalse();
  }

  @Test
  void aViewChangeReadsAsOneLineWithItsSteps() {
    ViewChangeReport led = new ViewChangeReport(5, 2, 0, List.of(
        new ViewChangeReport.Step(ViewChangeReport.Kind.NEW_EPOCH, 10, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.JOINED, 50, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.FETCHED, 60, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.ADOPTED, 30, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.MARKED, 10, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.COMMITTED, 270, false)), null);
    ViewChangeReport failed = new ViewChangeReport(6, 2, 0, List.of(), "no majority of replicas reachable");

    assertThat(ViewChangeText.summary("order-2", led, Replication.LAB))
        .isEqualTo("epoch 5: order-2 leads after 430 ms — new epoch 10 ms, joins 50 ms, adopted log 100 ms, first commit 270 ms");
    assertThat(ViewChangeText.steps(led))
        .isEqualTo("new epoch 10 ms · joined 50 ms · fetched 60 ms · adopted 30 ms · marked 10 ms · committed 270 ms");
    assertThat(ViewChangeText.summary("order-2", failed, Replication.LAB))
        .isEqualTo("epoch 6: order-2 did not lead (no majority of replicas reachable)");
  }

  @Test
  void aRaftTermReadsAsTheTermWithItsElectionFirstCommitAndTakeOver() {
    ViewChangeReport led = new ViewChangeReport(7, 2, 0, List.of(
        new ViewChangeReport.Step(ViewChangeReport.Kind.ELECTED, 540, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.COMMITTED, 30, false),
        new ViewChangeReport.Step(ViewChangeReport.Kind.TAKEN_OVER, 50, false)), null);
    ViewChangeReport failed = new ViewChangeReport(8, 2, 0, List.of(
        new ViewChangeReport.Step(ViewChangeReport.Kind.ELECTED, 700, false)), "stepped down before taking over term 8");

    assertThat(ViewChangeText.summary("order-2", led, Replication.RAFT))
        .isEqualTo("term 7: order-2 leads after 620 ms — elected 540 ms, first commit 30 ms, took over 50 ms");
    assertThat(ViewChangeText.steps(led)).isEqualTo("elected 540 ms · committed 30 ms · taken over 50 ms");
    assertThat(ViewChangeText.summary("order-2", failed, Replication.RAFT))
        .isEqualTo("term 8: order-2 did not lead (stepped down before taking over term 8) — elected 700 ms");
  }
}
