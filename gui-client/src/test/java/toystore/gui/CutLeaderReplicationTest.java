package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;
import toystore.chaos.PartitionSupport;
import toystore.client.AgentClient;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.connect.StoreAddress;
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
  private static final long WAIT_SECONDS = 60;
  private static final String OLD_LEADER = "order-3";
  /** Columns of the table, in replica order: order-1, order-2, order-3. */
  private static final int OLD_LEADER_COLUMN = 2;

  @TempDir static Path dataDir;
  private static Cluster cluster;
  private static StoreClient store;
  private static AgentClient agent;
  private static Dashboard dashboard;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir), line -> {});
    var http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30));
    store = new StoreClient(http, cluster.frontendUrl());
    agent = new AgentClient(http, cluster.agentUrl(), cluster.adminToken());
    for (String toy : List.of("Tux", "Fox", "Whale")) {
      store.order(toy, 1, null);
    }
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> {
      dashboard = new Dashboard(new StoreAddress(cluster.frontendUrl(), cluster.agentUrl(), cluster.adminToken()), 7);
      dashboard.show(stage);
    });
    waitUntil(() -> fx(() -> dashboard.scene().lookup("#card-" + OLD_LEADER + ".leader") != null));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (dashboard != null) {
        FxToolkit.cleanupStages();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void theOldLeadersUncommittedTailShowsAndIsReplacedAfterTheHeal() throws Exception {
    Optional<String> refusal = PartitionSupport.refusal(agent);
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText("Replication")).queryAs(Node.class));
    waitUntil(() -> text("#replCommit-" + OLD_LEADER).equals("commit 3"));
    long oldEpoch = Long.parseLong(text("#replEpoch-" + OLD_LEADER).replace("epoch ", ""));

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
        waitUntil(() -> placed.get() >= 10);
        robot.clickOn("#cutFollowersButton");
        // Stop ordering once the frontend has moved leadership, so the rows the tail is on stay in view.
        waitUntil(() -> {
          Integer leader = store.status().leader();
          return leader != null && leader != 3;
        });
        int atFailover = placed.get();
        // Orders go on being placed through the new leader.
        waitUntil(() -> placed.get() >= atFailover + 3);
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
    assertThat(agent.partitions()).singleElement()
        .satisfies(p -> assertThat(p.groups()).containsExactly(List.of(OLD_LEADER), List.of("order-1", "order-2")));

    // The old leader holds entries above its commit number, shown as uncommitted in its column.
    waitUntil(() -> tail().size() > 0);
    List<Row> tail = tail();
    for (Row row : tail) {
      Cell old = row.cells().get(OLD_LEADER_COLUMN);
      assertThat(old.epoch()).as("#%d on %s", row.number(), OLD_LEADER).isEqualTo(oldEpoch);
    }
    assertThat(uncommittedCellsShownIn("logColumn-" + OLD_LEADER, tail.get(0))).isPositive();

    // The majority commits the new epoch's entries, the same numbers among them.
    waitUntil(() -> rows().stream().anyMatch(row -> row.number() == tail.get(tail.size() - 1).number()
        && majorityCommittedAbove(row, oldEpoch)));
    assertThat(rows()).anySatisfy(row -> assertThat(majorityCommittedAbove(row, oldEpoch)).isTrue());
    waitUntil(() -> !text("#replLag-" + OLD_LEADER).equals("lag 0"));
    assertThat(uncommittedCellsShownIn("logColumn-" + OLD_LEADER, tail.get(0))).isPositive();
    picture("replication-cut-leader.png");

    robot.clickOn("#healButton");

    waitUntil(() -> agent.partitions().isEmpty());
    waitUntil(() -> {
      List<Row> rows = rows();
      return !rows.isEmpty() && rows.stream().allMatch(CutLeaderReplicationTest::oldLeaderMatches);
    });
    waitUntil(() -> text("#replLag-" + OLD_LEADER).equals("lag 0"));
    waitUntil(() -> text("#replState-" + OLD_LEADER).equals("UP")
        && text("#replEpoch-" + OLD_LEADER).equals(text("#replEpoch-order-1")));
    assertThat(tail()).isEmpty();
    picture("replication-healed.png");
  }

  /** The window as it is now, in {@code target/screenshots/}, for a person to look at. */
  private static void picture(String name) throws Exception {
    WaitForAsyncUtils.asyncFx(() -> {
      Png.write(dashboard.scene().snapshot(null), Path.of("target", "screenshots", name));
      return null;
    }).get(30, TimeUnit.SECONDS);
  }

  /** Places orders one after another until told to stop; the frontend retries through the failover. */
  private static void order(AtomicBoolean ordering, AtomicInteger placed, Queue<IOException> failures) {
    String[] toys = {"Tux", "Whale", "Fox", "Lego", "Dolphin"};
    for (int i = 0; ordering.get(); i++) {
      try {
        store.order(toys[i % toys.length], 1, null);
        placed.incrementAndGet();
      } catch (IOException e) {
        failures.add(e); // judged once the clients have stopped
      }
    }
  }

  /** The rows where the old leader holds an uncommitted entry. */
  private static List<Row> tail() throws Exception {
    return rows().stream().filter(row -> row.cells().get(OLD_LEADER_COLUMN).mark() == Mark.UNCOMMITTED).toList();
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
    fx(() -> {
      List<Row> items = table().getItems();
      int index = items.stream().filter(r -> r.number() == row.number()).findFirst().map(items::indexOf).orElseThrow();
      table().scrollTo(index);
      return null;
    });
    WaitForAsyncUtils.waitForFxEvents();
    return fx(() -> dashboard.scene().getRoot().lookupAll(".log-cell.uncommitted").stream()
        .filter(node -> node instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
            && columnId.equals(cell.getTableColumn().getId()))
        .count());
  }

  @SuppressWarnings("unchecked")
  private static TableView<Row> table() {
    return (TableView<Row>) dashboard.scene().lookup("#replicationTable");
  }

  private static List<Row> rows() throws Exception {
    return fx(() -> List.copyOf(table().getItems()));
  }

  private static String text(String selector) throws Exception {
    return fx(() -> {
      Node node = dashboard.scene().lookup(selector);
      String text = node == null ? null : ((Label) node).getText();
      return text == null ? "" : text;
    });
  }

  private static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Condition condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::holds);
  }
}
