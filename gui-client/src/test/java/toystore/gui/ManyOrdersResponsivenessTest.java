package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.connect.StoreAddress;
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
  private static Cluster cluster;
  private static StoreClient store;
  private static Dashboard dashboard;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    Cluster.Config test = Cluster.Config.forTest(PORT_BASE, 3, dataDir);
    Cluster.Config config = new Cluster.Config(test.layout(), test.dataDir(),
        new ServiceOptions(true, ServiceOptions.DEFAULT_CACHE_SIZE, RESTOCK_MS), test.agentHost(), test.adminToken(),
        test.clusterSecret(), test.java());
    cluster = Cluster.start(config, line -> {});
    store = new StoreClient(JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30)), cluster.frontendUrl());
    placeOrders();
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> {
      dashboard = new Dashboard(new StoreAddress(cluster.frontendUrl(), cluster.agentUrl(), cluster.adminToken()), 7);
      dashboard.show(stage);
    });
    waitUntil(() -> fx(() -> dashboard.scene().lookup(".card.leader") != null));
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
  void olderLatestAndATabSwitchAreAnsweredWithTenThousandOrdersInTheLogs() throws Exception {
    long newest = store.status().replicas().stream().mapToLong(ReplicaStatus::lastOrder).max().orElseThrow();
    assertThat(newest).isGreaterThanOrEqualTo(ORDERS);
    openTab("Replication");
    waitUntil(() -> showsNewest(newest));

    robot.clickOn("#logOlder");
    waitUntil(() -> {
      List<Row> rows = rows();
      return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest - LogWindow.SIZE;
    });
    assertThat(text("#replicationRange")).isEqualTo("entries #" + (newest - 2 * LogWindow.SIZE + 1) + "–#"
        + (newest - LogWindow.SIZE) + " of " + newest);

    robot.clickOn("#logLatest");
    waitUntil(() -> showsNewest(newest));

    openTab("Shop");
    waitUntil(() -> fx(() -> selectedTab().equals("shopTab") && dashboard.scene().lookup("#orderButton").isVisible()));
    openTab("Replication");
    waitUntil(() -> fx(() -> selectedTab().equals("replicationTab")) && showsNewest(newest));
    for (String name : List.of("order-1", "order-2", "order-3")) {
      waitUntil(() -> text("#replCommit-" + name).equals("commit " + newest));
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
              store.order(toys[i % toys.length], 1, null);
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
    List<Row> rows = rows();
    return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest
        && text("#replicationRange").equals("entries #" + (newest - LogWindow.SIZE + 1) + "–#" + newest + " of "
            + newest + " (following)");
  }

  private void openTab(String title) {
    robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText(title)).queryAs(Node.class));
  }

  private static String selectedTab() {
    return ((TabPane) dashboard.scene().lookup("#tabs")).getSelectionModel().getSelectedItem().getId();
  }

  private static List<Row> rows() throws Exception {
    return fx(() -> {
      @SuppressWarnings("unchecked")
      TableView<Row> table = (TableView<Row>) dashboard.scene().lookup("#replicationTable");
      return List.copyOf(table.getItems());
    });
  }

  private static String text(String selector) throws Exception {
    return fx(() -> {
      String text = ((Label) dashboard.scene().lookup(selector)).getText();
      return text == null ? "" : text;
    });
  }

  private static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(ANSWER, TimeUnit.SECONDS);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Condition condition) throws Exception {
    WaitForAsyncUtils.waitFor(ANSWER, TimeUnit.SECONDS, condition::holds);
  }
}
