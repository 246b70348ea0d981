package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import toystore.chaos.PartitionSupport;
import toystore.client.ApiException;
import toystore.gui.LogTable.Cell;
import toystore.gui.LogTable.Mark;
import toystore.gui.LogTable.Row;
import toystore.supervisor.Cluster;

/**
 * Issue 15's "Done when", in lab mode against a real store (ports 22640-22645): while orders are
 * placed, "Cut the leader off from its followers" leaves the old leader (order-3, which the frontend
 * still reaches) with entries above its commit number that the Replication tab shows as uncommitted
 * in its column; the majority commits the same numbers in the new epoch; after Heal the old leader's
 * column is the others', its lag is 0, and it is UP in the new epoch. Pictures of both moments go to {@code target/screenshots/}.
 */
class CutLeaderReplicationTest {
  private static final int PORT_BASE = 22640;
  private static final String OLD_LEADER = "order-3";
  /** Columns of the table, in replica order: order-1, order-2, order-3. */
  private static final int OLD_LEADER_COLUMN = 2;

  @TempDir static Path dataDir;
  private static RealStoreDashboard ui;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    ui = RealStoreDashboard.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir));
    for (String toy : List.of("Tux", "Fox", "Whale")) {
      ui.store().order(toy, 1, null);
    }
    ui.open(address -> new Dashboard(address, 7));
    ui.waitUntil(() -> ui.fx(() -> ui.scene().lookup("#card-" + OLD_LEADER + ".leader") != null));
  }

  @AfterAll
  static void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
  }

  @Test
  void theOldLeadersUncommittedTailShowsAndIsReplacedAfterTheHeal() throws Exception {
    Optional<String> refusal = PartitionSupport.refusal(ui.agent());
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    ui.openTab("Replication");
    ui.waitUntil(() -> ui.text("#replCommit-" + OLD_LEADER).equals("commit 3"));
    long oldEpoch = Long.parseLong(ui.text("#replEpoch-" + OLD_LEADER).replace("epoch ", ""));

    AtomicBoolean ordering = new AtomicBoolean(true);
    AtomicInteger placed = new AtomicInteger();
    Queue<IOException> failures = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> running = List.of(
          clients.submit(() -> order(ordering, placed, failures)),
          clients.submit(() -> order(ordering, placed, failures)),
          clients.submit(() -> order(ordering, placed, failures)));
      try {
        ui.waitUntil(() -> placed.get() >= 10);
        robot.clickOn("#cutFollowersButton");
        // Stop ordering once the frontend has moved leadership, so the rows the tail is on stay in view.
        ui.waitUntil(() -> {
          Integer leader = ui.store().status().leader();
          return leader != null && leader != 3;
        });
        int atFailover = placed.get();
        // Orders go on being placed through the new leader.
        ui.waitUntil(() -> placed.get() >= atFailover + 3);
      } finally {
        ordering.set(false);
        for (Future<?> client : running) {
          client.get(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      clients.shutdownNow();
    }
    // The frontend is never cut off: every order is answered, and only the failover may leave one unknown (503).
    assertThat(failures).as("failed orders of %d placed", placed.get())
        .allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(ApiException.class, a -> assertThat(a.status()).isEqualTo(503)));
    assertThat(ui.agent().partitions()).singleElement()
        .satisfies(p -> assertThat(p.groups()).containsExactly(List.of(OLD_LEADER), List.of("order-1", "order-2")));

    // The old leader holds entries above its commit number, shown as uncommitted in its column.
    ui.waitUntil(() -> tail().size() > 0);
    List<Row> tail = tail();
    for (Row row : tail) {
      Cell old = row.cells().get(OLD_LEADER_COLUMN);
      assertThat(old.epoch()).as("#%d on %s", row.number(), OLD_LEADER).isEqualTo(oldEpoch);
    }
    assertThat(uncommittedCellsShownIn("logColumn-" + OLD_LEADER, tail.get(0))).isPositive();

    // The majority commits the new epoch's entries, the same numbers among them.
    ui.waitUntil(() -> ui.rows().stream().anyMatch(row -> row.number() == tail.get(tail.size() - 1).number()
        && majorityCommittedAbove(row, oldEpoch)));
    assertThat(ui.rows()).anySatisfy(row -> assertThat(majorityCommittedAbove(row, oldEpoch)).isTrue());
    ui.waitUntil(() -> !ui.text("#replLag-" + OLD_LEADER).equals("lag 0"));
    assertThat(uncommittedCellsShownIn("logColumn-" + OLD_LEADER, tail.get(0))).isPositive();
    ui.picture("replication-cut-leader.png");

    robot.clickOn("#healButton");

    ui.waitUntil(() -> ui.agent().partitions().isEmpty());
    ui.waitUntil(() -> {
      List<Row> rows = ui.rows();
      return !rows.isEmpty() && rows.stream().allMatch(CutLeaderReplicationTest::oldLeaderMatches);
    });
    ui.waitUntil(() -> ui.text("#replLag-" + OLD_LEADER).equals("lag 0"));
    ui.waitUntil(() -> ui.text("#replState-" + OLD_LEADER).equals("UP")
        && ui.text("#replEpoch-" + OLD_LEADER).equals(ui.text("#replEpoch-order-1")));
    assertThat(tail()).isEmpty();
    ui.picture("replication-healed.png");
  }

  /** Places orders one after another until told to stop; the frontend retries through the failover. */
  private static void order(AtomicBoolean ordering, AtomicInteger placed, Queue<IOException> failures) {
    String[] toys = {"Tux", "Whale", "Fox", "Lego", "Dolphin"};
    for (int i = 0; ordering.get(); i++) {
      try {
        ui.store().order(toys[i % toys.length], 1, null);
        placed.incrementAndGet();
      } catch (IOException e) {
        failures.add(e); // judged once the clients have stopped
      }
    }
  }

  /** The rows where the old leader holds an uncommitted entry. */
  private static List<Row> tail() throws Exception {
    return ui.rows().stream().filter(row -> row.cells().get(OLD_LEADER_COLUMN).mark() == Mark.UNCOMMITTED).toList();
  }

  private static boolean majorityCommittedAbove(Row row, long epoch) {
    return row.cells().subList(0, OLD_LEADER_COLUMN).stream()
        .allMatch(c -> c.mark() == Mark.COMMITTED && c.epoch() != null && c.epoch() > epoch);
  }

  /** The old leader's cell holds what order-1 holds, committed. */
  private static boolean oldLeaderMatches(Row row) {
    Cell reference = row.cells().get(0);
    Cell old = row.cells().get(OLD_LEADER_COLUMN);
    return old.mark() == Mark.COMMITTED && reference.mark() == Mark.COMMITTED && old.epoch().equals(reference.epoch())
        && old.toy().equals(reference.toy()) && old.quantity().equals(reference.quantity());
  }

  /**
   * Scrolls the row numbered as {@code row} into view and counts the cells of {@code columnId} styled
   * uncommitted. By number: the table's row for it is a new one once another replica's cell changed.
   */
  private long uncommittedCellsShownIn(String columnId, Row row) throws Exception {
    ui.fx(() -> {
      List<Row> items = ui.replicationTable().getItems();
      int index = items.stream().filter(r -> r.number() == row.number()).findFirst().map(items::indexOf).orElseThrow();
      ui.replicationTable().scrollTo(index);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    return ui.fx(() -> ui.scene().getRoot().lookupAll(".log-cell.uncommitted").stream()
        .filter(node -> node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
            && columnId.equals(cell.getTableColumn().getId()))
        .count());
  }
}
