package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import toystore.client.ApiException;
import toystore.gui.LogTable.Row;
import toystore.model.ReplicaStatus;
import toystore.supervisor.Cluster;
import toystore.supervisor.ServiceOptions;

/**
 * Issue 15: "the UI stays responsive (a click answered) while 10,000 orders are in the logs", against
 * a real lab store (ports 22680-22685) holding over 10,000 orders placed through its frontend by
 * several clients at once (the catalog restocks every 100 ms, so 100 per toy never runs out for
 * long). With the Replication tab open, Older, Latest and a switch of tabs are each answered.
 *
 * <p>Every wait is bounded ({@link #ANSWER}) so that a window that hangs or never shows the answer
 * fails the test instead of hanging it; no duration is measured or asserted, since on a shared
 * two-core machine a time says more about the neighbours than about the dashboard.
 */
class ManyOrdersResponsivenessTest {
  private static final int PORT_BASE = 22680;
  private static final int ORDERS = 10_000;
  private static final int CLIENTS = 8;
  private static final long RESTOCK_MS = 100;
  private static final int OUT_OF_STOCK = 409;
  private static final long ANSWER = 30;

  @TempDir static Path dataDir;
  private static RealStoreDashboard ui;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    Cluster.Config test = Cluster.Config.forTest(PORT_BASE, 3, dataDir);
    Cluster.Config config = new Cluster.Config(test.layout(), test.dataDir(),
        new ServiceOptions(true, ServiceOptions.DEFAULT_CACHE_SIZE, RESTOCK_MS), test.agentHost(), test.adminToken(),
        test.clusterSecret(), test.java());
    ui = RealStoreDashboard.start(config, new RealStoreDashboard.Bounds(ANSWER, ANSWER));
    placeOrders();
    ui.open(address -> new Dashboard(address, 7));
    ui.waitUntil(() -> ui.leaderCard() != null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
  }

  @Test
  void olderLatestAndATabSwitchAreAnsweredWithTenThousandOrdersInTheLogs() throws Exception {
    long newest = ui.store().status().replicas().stream().mapToLong(ReplicaStatus::lastOrder).max().orElseThrow();
    assertThat(newest).isGreaterThanOrEqualTo(ORDERS);
    ui.openTab("Replication");
    ui.waitUntil(() -> showsNewest(newest));

    robot.clickOn("#logOlder");
    ui.waitUntil(() -> {
      List<Row> rows = ui.rows();
      return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest - LogWindow.SIZE;
    });
    assertThat(ui.text("#replicationRange")).isEqualTo("entries #" + (newest - 2 * LogWindow.SIZE + 1) + "–#"
        + (newest - LogWindow.SIZE) + " of " + newest);

    robot.clickOn("#logLatest");
    ui.waitUntil(() -> showsNewest(newest));

    ui.openTab("Shop");
    ui.waitUntil(() -> ui.fx(() -> selectedTab().equals("shopTab") && ui.scene().lookup("#orderButton").isVisible()));
    ui.openTab("Replication");
    ui.waitUntil(() -> ui.fx(() -> selectedTab().equals("replicationTab")) && showsNewest(newest));
    for (String name : List.of("order-1", "order-2", "order-3")) {
      ui.waitUntil(() -> ui.text("#replCommit-" + name).equals("commit " + newest));
    }
  }

  /** {@link #CLIENTS} clients ordering one toy at a time until {@link #ORDERS} are placed; out of stock is retried. */
  private static void placeOrders() throws Exception {
    String[] toys = {"Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin", "Barbie", "Lego", "Frisbee", "Marbles",
        "Slinky", "Yo-Yo"};
    AtomicInteger placed = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(clients.submit(() -> {
          for (int i = client; placed.get() < ORDERS; i++) {
            try {
              ui.store().order(toys[i % toys.length], 1, null);
              placed.incrementAndGet();
            } catch (ApiException e) {
              if (e.status() != OUT_OF_STOCK) {
                throw e;
              }
            }
          }
          return null;
        }));
      }
      for (Future<Void> client : running) {
        client.get(10, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private boolean showsNewest(long newest) throws Exception {
    List<Row> rows = ui.rows();
    return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest
        && ui.text("#replicationRange").equals("entries #" + (newest - LogWindow.SIZE + 1) + "–#" + newest + " of "
            + newest + " (following)");
  }

  private static String selectedTab() {
    return ((TabPane) ui.scene().lookup("#tabs")).getSelectionModel().getSelectedItem().getId();
  }
}
