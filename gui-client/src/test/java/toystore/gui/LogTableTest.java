package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import toystore.gui.LogTable.Cell;
import toystore.gui.LogTable.Mark;
import toystore.gui.LogTable.Row;
import toystore.gui.ServiceView.Agreement;
import toystore.gui.ServiceView.Health;
import toystore.model.IdempotencyKey;
import toystore.model.Role;
import toystore.wire.order.Entry;

class LogTableTest {

  @Test
  void rowsAreNewestFirstWithEachReplicasCellCommittedUncommittedOrMissing() {
    // order-3 led epoch 2 and appended #3 and #4 that nobody else holds; order-1 and order-2 moved on in epoch 3.
    ReplicaLog one = ReplicaLog.read("order-1", List.of(entry(1, 1), entry(2, 1), entry(3, 3)), 3, 3);
    ReplicaLog two = ReplicaLog.read("order-2", List.of(entry(1, 1), entry(2, 1)), 2, 2);
    ReplicaLog three = ReplicaLog.read("order-3", List.of(entry(1, 1), entry(2, 1), entry(3, 2), entry(4, 2)), 2, 4);

    List<Row> rows = LogTable.rows(List.of(one, two, three), LogWindow.latest());

    assertThat(rows).extracting(Row::number).containsExactly(4L, 3L, 2L, 1L);
    assertThat(rows.get(0).cells()).extracting(Cell::mark).containsExactly(Mark.MISSING, Mark.MISSING, Mark.UNCOMMITTED);
    assertThat(rows.get(1).cells()).extracting(Cell::mark, Cell::epoch)
        .containsExactly(tuple(Mark.COMMITTED, 3L), tuple(Mark.MISSING, null), tuple(Mark.UNCOMMITTED, 2L));
    assertThat(rows.get(2).cells()).extracting(Cell::mark).containsOnly(Mark.COMMITTED);
    assertThat(rows.get(2).cells().get(0)).extracting(Cell::toy, Cell::quantity).containsExactly("Toy2", 2);
  }

  @Test
  void theFirstUncommittedEntryIsFoundOutsideTheWindowAndShownAQuarterDownFromTheTop() {
    // order-3's tail starts at #301, far below a following window over #801-#1000.
    ReplicaLog one = ReplicaLog.read("order-1", entries(801, 1000), 1000, 1000);
    ReplicaLog three = ReplicaLog.read("order-3", List.of(), 300, 302);

    assertThat(LogTable.firstUncommitted(List.of(one, three))).contains(301L);
    LogWindow around = LogWindow.around(301, 1000);
    assertThat(around.top(1000)).isEqualTo(351);
    assertThat(around.bottom(1000)).isEqualTo(152);
    assertThat(LogWindow.around(990, 1000)).isEqualTo(LogWindow.latest());
    assertThat(LogTable.firstUncommitted(List.of(one, ReplicaLog.unreadable("order-2", "paused")))).isEmpty();
  }

  @Test
  void theCommitLineIsOnEachReplicasCommitNumber() {
    ReplicaLog one = ReplicaLog.read("order-1", List.of(entry(1, 1), entry(2, 1), entry(3, 1)), 3, 3);
    ReplicaLog two = ReplicaLog.read("order-2", List.of(entry(1, 1), entry(2, 1), entry(3, 1)), 2, 3);

    List<Row> rows = LogTable.rows(List.of(one, two), LogWindow.latest());

    assertThat(rows).extracting(row -> row.cells().get(0).commitLine()).containsExactly(true, false, false);
    assertThat(rows).extracting(row -> row.cells().get(1).commitLine()).containsExactly(false, true, false);
  }

  @Test
  void anUnreadableReplicaIsUnknownNotMissing() {
    ReplicaLog one = ReplicaLog.read("order-1", List.of(entry(1, 1)), 1, 1);
    ReplicaLog two = ReplicaLog.unreadable("order-2", "order-2 is paused (HTTP 409)");

    List<Row> rows = LogTable.rows(List.of(one, two), LogWindow.latest());

    assertThat(rows).singleElement().satisfies(row ->
        assertThat(row.cells()).extracting(Cell::mark).containsExactly(Mark.COMMITTED, Mark.UNKNOWN));
  }

  @Test
  void aFollowingWindowShowsTheNewestEntriesOnlyAndPagingMovesBackAndForth() {
    long last = 10_500;
    ReplicaLog tail = ReplicaLog.read("order-1", entries(LogWindow.latest().bottom(last), last), last, last);

    List<Row> rows = LogTable.rows(List.of(tail), LogWindow.latest());

    assertThat(rows).hasSize(LogWindow.SIZE);
    assertThat(rows.get(0).number()).isEqualTo(last);
    assertThat(rows.get(rows.size() - 1).number()).isEqualTo(last - LogWindow.SIZE + 1);

    LogWindow back = LogWindow.latest().older(last);
    assertThat(back.following()).isFalse();
    assertThat(back.top(last)).isEqualTo(last - LogWindow.SIZE);
    assertThat(back.bottom(last)).isEqualTo(last - 2 * LogWindow.SIZE + 1);
    assertThat(back.newer(last)).isEqualTo(LogWindow.latest());

    LogWindow first = new LogWindow(false, 250).older(last);
    assertThat(first.bottom(last)).isEqualTo(1);
    assertThat(first.older(last)).isEqualTo(first);
  }

  @Test
  void aWindowBackInTimeKeepsItsPlaceWhileTheLogGrows() {
    LogWindow back = LogWindow.latest().older(1_000);

    assertThat(back.top(1_000)).isEqualTo(800);
    assertThat(back.top(5_000)).isEqualTo(800);
    assertThat(LogWindow.latest().top(5_000)).isEqualTo(5_000);
  }

  @Test
  void theLagIsBehindTheLeadersCommitNumberAndTheStateNamesPauseAndIsolation() {
    List<ServiceView> replicas = List.of(
        view("order-1", Role.FOLLOWER, Health.UP, false, false, 90),
        view("order-2", Role.FOLLOWER, Health.UP, true, false, 40),
        view("order-3", Role.LEADER, Health.UP, false, true, 100));
    List<ReplicaLog> logs = List.of(
        ReplicaLog.read("order-1", List.of(), 97, 99),
        ReplicaLog.unreadable("order-2", "order-2 is paused (HTTP 409)"),
        ReplicaLog.read("order-3", List.of(), 99, 100));

    List<ReplicaSummary> lines = ReplicaSummary.of(replicas, logs);

    assertThat(lines).extracting(ReplicaSummary::commitNumber, ReplicaSummary::lag, ReplicaSummary::stateText)
        .containsExactly(tuple(97L, 2L, "UP"), tuple(40L, 59L, "UP · paused"), tuple(99L, 0L, "UP · isolated"));
  }

  @Test
  void withoutALeaderTheLagIsBehindTheHighestCommitAndADownReplicaKeepsItsLastCommit() {
    List<ServiceView> replicas = List.of(
        view("order-1", Role.FOLLOWER, Health.UP, false, false, 10),
        view("order-2", null, Health.DOWN, false, false, 8));
    List<ReplicaLog> logs = List.of(
        ReplicaLog.read("order-1", List.of(), 12, 12),
        ReplicaLog.unreadable("order-2", "order-2 is not running (HTTP 409)"));

    assertThat(ReplicaSummary.of(replicas, logs)).extracting(ReplicaSummary::lag, ReplicaSummary::stateText)
        .containsExactly(tuple(0L, "UP"), tuple(4L, "DOWN"));
  }

  private static ServiceView view(String name, Role role, Health health, boolean paused, boolean isolated, long last) {
    return new ServiceView(name, ServiceView.Kind.ORDER, Integer.parseInt(name.substring(6)), "http://x", health, role,
        last, 4L, null, Agreement.UNKNOWN, null, 1L, paused, isolated, null, null);
  }

  private static List<Entry> entries(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(n -> entry(n, 1)).toList();
  }

  private static Entry entry(long number, long epoch) {
    return new Entry(number, "Toy" + number, (int) number, IdempotencyKey.client("k" + number + "-" + epoch), epoch);
  }
}
