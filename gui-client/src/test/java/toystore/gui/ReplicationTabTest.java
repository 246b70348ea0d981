package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.client.StoreClient;
import toystore.connect.StoreAddress;
import toystore.gui.LogTable.Cell;
import toystore.gui.LogTable.Mark;
import toystore.gui.LogTable.Row;
import toystore.model.ServiceInfo;
import toystore.supervisor.Cluster;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * The Replication tab against a real lab store (child JVMs on ports 22540-22545): it shows what each
 * replica's own {@code GET /internal/log} holds, an order placed through the Shop tab appears on
 * every replica and moves every commit number, only the newest entries are shown until Older
 * pages back, and a paused follower is marked, falls behind and catches up after Resume.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationTabTest {
  private static final int PORT_BASE = 22540;
  private static final long WAIT_SECONDS = 60;
  private static final Pattern PLACED = Pattern.compile("Order #(\\d+) placed: (\\d+) × (\\S+)");

  @TempDir static Path dataDir;
  private static Cluster cluster;
  private static List<ReplicaClient> replicas;
  private static StoreClient store;
  private static Dashboard dashboard;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    Cluster.Config config = Cluster.Config.forTest(PORT_BASE, 3, dataDir);
    cluster = Cluster.start(config, line -> {});
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30));
    store = new StoreClient(http, cluster.frontendUrl());
    replicas = new ArrayList<>();
    for (ServiceInfo service : cluster.supervisor().services()) {
      if (service.isOrderReplica()) {
        replicas.add(new ReplicaClient(http, new ReplicaAddress(service.id(), service.url()), config.clusterSecret()));
      }
    }
    for (String toy : List.of("Tux", "Fox", "Whale", "Dolphin", "Fox")) {
      store.order(toy, 1 + toy.length() % 3, null);
    }
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
  @Order(1)
  void theTabShowsWhatEachReplicasLogHolds() throws Exception {
    openTab("Replication");

    waitUntil(() -> rows().size() == 5 && mismatch(rows(), pages()).isEmpty());
    List<Row> rows = rows();
    assertThat(rows).extracting(Row::number).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(rows.get(4).cells()).extracting(Cell::toy, Cell::quantity, Cell::mark)
        .containsOnly(tuple("Tux", 1 + "Tux".length() % 3, Mark.COMMITTED));
    for (String name : replicaNames()) {
      waitUntil(() -> text("#replCommit-" + name).equals("commit 5"));
      assertThat(text("#replEpoch-" + name)).matches("epoch \\d+");
      assertThat(text("#replLag-" + name)).isEqualTo("lag 0");
      assertThat(text("#replState-" + name)).isEqualTo("UP");
    }
    assertThat(fx(() -> dashboard.scene().getRoot().lookupAll(".log-cell.commit-line").size())).isEqualTo(3);
  }

  @Test
  @Order(2)
  void anOrderPlacedThroughTheShopAppearsOnEveryReplicaAndMovesTheCommitLine() throws Exception {
    openTab("Shop");
    fx(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> toys = (ComboBox<String>) dashboard.scene().lookup("#toyChoice");
      toys.getSelectionModel().select("Dolphin");
      ((TextField) dashboard.scene().lookup("#quantityField")).clear();
      return null;
    });
    robot.clickOn("#quantityField").write("4");
    robot.clickOn("#orderButton");
    waitUntil(() -> PLACED.matcher(text("#orderResult")).matches());
    Matcher placed = PLACED.matcher(text("#orderResult"));
    assertThat(placed.matches()).isTrue();
    long number = Long.parseLong(placed.group(1));

    openTab("Replication");

    waitUntil(() -> {
      List<Row> rows = rows();
      return !rows.isEmpty() && rows.get(0).number() == number
          && rows.get(0).cells().stream().allMatch(c -> c.mark() == Mark.COMMITTED && c.commitLine());
    });
    assertThat(rows().get(0).cells()).extracting(Cell::toy, Cell::quantity).containsOnly(
        tuple("Dolphin", 4));
    for (String name : replicaNames()) {
      waitUntil(() -> text("#replCommit-" + name).equals("commit " + number));
    }
    assertThat(rows().get(1).cells()).extracting(Cell::commitLine).containsOnly(false);
    assertThat(mismatch(rows(), pages())).isEmpty();
  }

  @Test
  @Order(3)
  void onlyTheNewestEntriesAreShownAndOlderPagesBackInTime() throws Exception {
    String[] toys = {"Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin", "Barbie", "Lego", "Frisbee", "Marbles"};
    long last = 0;
    for (int i = 0; i < 250; i++) {
      last = store.order(toys[i % toys.length], 1, null);
    }
    long newest = last;
    openTab("Replication");

    waitUntil(() -> {
      List<Row> rows = rows();
      return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest;
    });
    assertThat(rows().get(LogWindow.SIZE - 1).number()).isEqualTo(newest - LogWindow.SIZE + 1);
    assertThat(text("#replicationRange")).isEqualTo(
        "entries #" + (newest - LogWindow.SIZE + 1) + "–#" + newest + " of " + newest + " (following)");

    robot.clickOn("#logOlder");

    waitUntil(() -> {
      List<Row> rows = rows();
      return !rows.isEmpty() && rows.get(0).number() == LogWindow.SIZE && rows.get(rows.size() - 1).number() == 1;
    });
    assertThat(mismatch(rows(), pages())).isEmpty();
    assertThat(fx(() -> dashboard.scene().lookup("#logOlder").isDisabled())).isTrue();

    robot.clickOn("#logLatest");

    waitUntil(() -> {
      List<Row> rows = rows();
      return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest;
    });
  }

  /** Each replica's page from 1 as it answers it, by name. */
  private static Map<String, Messages.LogPage> pages() throws Exception {
    Map<String, Messages.LogPage> pages = new HashMap<>();
    for (ReplicaClient replica : replicas) {
      pages.put("order-" + replica.address().id(), replica.log(1));
    }
    return pages;
  }

  /** What in the table differs from the replicas' own pages (empty when nothing does). */
  private static List<String> mismatch(List<Row> rows, Map<String, Messages.LogPage> pages) throws Exception {
    List<String> names = replicaNames();
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      for (int i = 0; i < names.size(); i++) {
        Messages.LogPage page = pages.get(names.get(i));
        Entry entry = page.entries().stream().filter(e -> e.number() == row.number()).findFirst().orElse(null);
        Cell cell = row.cells().get(i);
        Mark expected = entry == null ? Mark.MISSING
            : row.number() <= page.commitNumber() ? Mark.COMMITTED : Mark.UNCOMMITTED;
        boolean same = cell.mark() == expected && (entry == null
            || (entry.name().equals(cell.toy()) && entry.quantity() == cell.quantity() && entry.epoch() == cell.epoch()));
        if (!same || cell.commitLine() != (row.number() == page.commitNumber())) {
          problems.add(names.get(i) + " #" + row.number() + ": " + cell + " vs " + entry);
        }
      }
    }
    return problems;
  }

  @Test
  @Order(4)
  void aPausedFollowerIsMarkedItsLagGrowsAndShrinksToZeroAfterResume() throws Exception {
    openTab("Replication");
    String follower = "order-1";
    waitUntil(() -> text("#replLag-" + follower).equals("lag 0"));

    robot.clickOn("#pause-" + follower);
    waitUntil(() -> text("#replState-" + follower).contains("paused"));
    for (int i = 0; i < 3; i++) {
      store.order("Tux", 1, null);
    }
    waitUntil(() -> lag(follower) >= 3);
    long before = lag(follower);
    for (int i = 0; i < 3; i++) {
      store.order("Fox", 1, null);
    }
    waitUntil(() -> lag(follower) >= before + 3);
    assertThat(text("#replState-" + follower)).contains("paused");

    robot.clickOn("#resume-" + follower);
    waitUntil(() -> lag(follower) == 0 && text("#replState-" + follower).equals("UP"));
    // Its column is read again at the next poll: the one before still found it paused.
    waitUntil(() -> mismatch(rows(), pages()).isEmpty());
    assertThat(rows().get(0).cells()).extracting(Cell::mark).containsOnly(Mark.COMMITTED);
  }

  /** The lag a column heading shows, or -1 while it shows none. */
  private static long lag(String replica) throws Exception {
    String shown = text("#replLag-" + replica).replace("lag ", "");
    return shown.matches("\\d+") ? Long.parseLong(shown) : -1;
  }

  private void openTab(String title) {
    robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText(title)).queryAs(Node.class));
  }

  private static List<String> replicaNames() {
    return replicas.stream().map(r -> "order-" + r.address().id()).toList();
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
