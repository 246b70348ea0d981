package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.ComboBox;
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
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
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
  private static final Pattern PLACED = Pattern.compile("Order #(\\d+) placed: (\\d+) × (\\S+)");

  @TempDir static Path dataDir;
  private static RealStoreDashboard ui;
  private static List<ReplicaClient> replicas;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    Cluster.Config config = Cluster.Config.forTest(PORT_BASE, 3, dataDir);
    ui = RealStoreDashboard.start(config);
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30));
    replicas = new ArrayList<>();
    for (ServiceInfo service : ui.cluster().supervisor().services()) {
      if (service.isOrderReplica()) {
        replicas.add(new ReplicaClient(http, new ReplicaAddress(service.id(), service.url()), config.clusterSecret()));
      }
    }
    for (String toy : List.of("Tux", "Fox", "Whale", "Dolphin", "Fox")) {
      ui.store().order(toy, 1 + toy.length() % 3, null);
    }
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
  @Order(1)
  void theTabShowsWhatEachReplicasLogHolds() throws Exception {
    ui.openTab("Replication");

    ui.waitUntil(() -> ui.rows().size() == 5 && mismatch(ui.rows(), pages()).isEmpty());
    List<Row> rows = ui.rows();
    assertThat(rows).extracting(Row::number).containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(rows.get(4).cells()).extracting(Cell::toy, Cell::quantity, Cell::mark)
        .containsOnly(tuple("Tux", 1 + "Tux".length() % 3, Mark.COMMITTED));
    for (String name : replicaNames()) {
      ui.waitUntil(() -> ui.text("#replCommit-" + name).equals("commit 5"));
      assertThat(ui.text("#replEpoch-" + name)).matches("epoch \\d+");
      assertThat(ui.text("#replLag-" + name)).isEqualTo("lag 0");
      assertThat(ui.text("#replState-" + name)).isEqualTo("UP");
    }
    assertThat(ui.fx(() -> ui.scene().getRoot().lookupAll(".log-cell.commit-line").size())).isEqualTo(3);
  }

  @Test
  @Order(2)
  void anOrderPlacedThroughTheShopAppearsOnEveryReplicaAndMovesTheCommitLine() throws Exception {
    ui.openTab("Shop");
    ui.fx(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> toys = (ComboBox<String>) ui.scene().lookup("#toyChoice");
      toys.getSelectionModel().select("Dolphin");
      ((TextField) ui.scene().lookup("#quantityField")).clear();
      return null;
    });
    robot.clickOn("#quantityField").write("4");
    robot.clickOn("#orderButton");
    ui.waitUntil(() -> PLACED.matcher(ui.text("#orderResult")).matches());
    Matcher placed = PLACED.matcher(ui.text("#orderResult"));
    assertThat(placed.matches()).isTrue();
    long number = Long.parseLong(placed.group(1));

    ui.openTab("Replication");

    ui.waitUntil(() -> {
      List<Row> rows = ui.rows();
      return !rows.isEmpty() && rows.get(0).number() == number
          && rows.get(0).cells().stream().allMatch(c -> c.mark() == Mark.COMMITTED && c.commitLine());
    });
    assertThat(ui.rows().get(0).cells()).extracting(Cell::toy, Cell::quantity).containsOnly(
        tuple("Dolphin", 4));
    for (String name : replicaNames()) {
      ui.waitUntil(() -> ui.text("#replCommit-" + name).equals("commit " + number));
    }
    assertThat(ui.rows().get(1).cells()).extracting(Cell::commitLine).containsOnly(false);
    assertThat(mismatch(ui.rows(), pages())).isEmpty();
  }

  @Test
  @Order(3)
  void onlyTheNewestEntriesAreShownAndOlderPagesBackInTime() throws Exception {
    String[] toys = {"Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin", "Barbie", "Lego", "Frisbee", "Marbles"};
    long last = 0;
    for (int i = 0; i < 250; i++) {
      last = ui.store().order(toys[i % toys.length], 1, null);
    }
    long newest = last;
    ui.openTab("Replication");

    ui.waitUntil(() -> {
      List<Row> rows = ui.rows();
      return rows.size() == LogWindow.SIZE && rows.get(0).number() == newest;
    });
    assertThat(ui.rows().get(LogWindow.SIZE - 1).number()).isEqualTo(newest - LogWindow.SIZE + 1);
    assertThat(ui.text("#replicationRange")).isEqualTo(
        "entries #" + (newest - LogWindow.SIZE + 1) + "–#" + newest + " of " + newest + " (following)");

    robot.clickOn("#logOlder");

    ui.waitUntil(() -> {
      List<Row> rows = ui.rows();
      return !rows.isEmpty() && rows.get(0).number() == LogWindow.SIZE && rows.get(rows.size() - 1).number() == 1;
    });
    assertThat(mismatch(ui.rows(), pages())).isEmpty();
    assertThat(ui.fx(() -> ui.scene().lookup("#logOlder").isDisabled())).isTrue();

    robot.clickOn("#logLatest");

    ui.waitUntil(() -> {
      List<Row> rows = ui.rows();
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
    ui.openTab("Replication");
    String follower = "order-1";
    ui.waitUntil(() -> ui.text("#replLag-" + follower).equals("lag 0"));

    robot.clickOn("#pause-" + follower);
    ui.waitUntil(() -> ui.text("#replState-" + follower).contains("paused"));
    for (int i = 0; i < 3; i++) {
      ui.store().order("Tux", 1, null);
    }
    ui.waitUntil(() -> lag(follower) >= 3);
    long before = lag(follower);
    for (int i = 0; i < 3; i++) {
      ui.store().order("Fox", 1, null);
    }
    ui.waitUntil(() -> lag(follower) >= before + 3);
    assertThat(ui.text("#replState-" + follower)).contains("paused");

    robot.clickOn("#resume-" + follower);
    ui.waitUntil(() -> lag(follower) == 0 && ui.text("#replState-" + follower).equals("UP"));
    // Its column is read again at the next poll: the one before still found it paused.
    ui.waitUntil(() -> mismatch(ui.rows(), pages()).isEmpty());
    assertThat(ui.rows().get(0).cells()).extracting(Cell::mark).containsOnly(Mark.COMMITTED);
  }

  /** The lag a column heading shows, or -1 while it shows none. */
  private static long lag(String replica) throws Exception {
    String shown = ui.text("#replLag-" + replica).replace("lag ", "");
    return shown.matches("\\d+") ? Long.parseLong(shown) : -1;
  }

  private static List<String> replicaNames() {
    return replicas.stream().map(r -> "order-" + r.address().id()).toList();
  }
}
