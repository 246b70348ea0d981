package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.config.Replication;
import toystore.connect.StoreAddress;
import toystore.supervisor.Cluster;
import toystore.supervisor.ClusterLayout;

/**
 * The dashboard on a real raft store with two frontends, as {@code up --replication raft --frontends 2}
 * starts it (child JVMs on ports 22520-22529): it names the engine, calls the epoch the term, and
 * shows both frontends' cards inside the window; its Replication tab shows an order on every replica,
 * says the protocol's messages are not counted in raft mode and lists the term the leader was
 * elected to as its view change, on the timeline too.
 */
class RaftDashboardTest {
  private static final int PORT_BASE = 22520;
  private static final long WAIT_SECONDS = 60;

  @TempDir static Path dataDir;
  private static Cluster cluster;
  private static Dashboard dashboard;

  @BeforeAll
  static void start() throws Exception {
    Cluster.Config plain = Cluster.Config.forTest(PORT_BASE, 3, dataDir);
    Cluster.Config raft = new Cluster.Config(ClusterLayout.withPortBase(PORT_BASE, 3, 2), plain.dataDir(),
        plain.options().with(Replication.RAFT), plain.agentHost(), plain.adminToken(), plain.clusterSecret(), plain.java());
    cluster = Cluster.start(raft, line -> {});
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
  void theHeaderNamesRaftTheCardsShowTheTermAndBothFrontendsFitTheWindow() throws Exception {
    waitUntil(() -> text("#engineLabel").equals(HeaderBar.engineText(Replication.RAFT)));
    assertThat(text("#engineLabel")).isEqualTo("Replication: Raft (Apache Ratis) — leader elected by Raft");

    String leader = fx(() -> dashboard.scene().lookup(".card.leader").getId().substring("card-".length()));
    waitUntil(() -> text("#epoch-" + leader).matches("\\d+"));
    assertThat(text("#epochKey-" + leader)).isEqualTo("term");
    assertThat(Long.parseLong(text("#epoch-" + leader))).isPositive();

    waitUntil(() -> fx(() -> dashboard.scene().lookup("#card-frontend-2") != null));
    List<Bounds> cards = fx(() -> dashboard.scene().getRoot().lookupAll(".card").stream()
        .map(card -> card.localToScene(card.getBoundsInLocal()))
        .toList());
    double width = fx(() -> dashboard.scene().getWidth());
    assertThat(cards).hasSize(6).allSatisfy(card -> assertThat(card.getMaxX()).isLessThanOrEqualTo(width));
    assertThat(fx(() -> dashboard.scene().lookup("#card-frontend") != null)).isTrue();
  }

  @Test
  void theReplicationTabCallsTheEpochTheTermAndShowsAnOrderOnEveryReplica() throws Exception {
    waitUntil(() -> fx(() -> dashboard.scene().lookup(".card.leader") != null));
    StoreClient store = new StoreClient(JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30)),
        cluster.frontendUrl());
    long number = store.order("Whale", 2, null);
    fx(() -> {
      TabPane tabs = (TabPane) dashboard.scene().lookup("#tabs");
      tabs.getSelectionModel().select(tabs.getTabs().stream()
          .filter(tab -> "replicationTab".equals(tab.getId())).findFirst().orElseThrow());
      return null;
    });

    waitUntil(() -> {
      List<LogTable.Row> rows = rows();
      return !rows.isEmpty() && rows.get(0).number() == number && rows.get(0).cells().size() == 3
          && rows.get(0).cells().stream().allMatch(c -> c.mark() == LogTable.Mark.COMMITTED && "Whale".equals(c.toy()));
    });
    for (String name : List.of("order-1", "order-2", "order-3")) {
      waitUntil(() -> text("#replEpoch-" + name).matches("term \\d+"));
    }
    // Ratis's traffic is not counted per kind (docs/DESIGN.md "Protocol activity").
    waitUntil(() -> text("#protocolNote").startsWith("not counted in raft mode"));
    // The term the leader was elected to is listed as its view change, with the engine's steps.
    waitUntil(() -> {
      String shown = leaderLine();
      return !shown.isEmpty() && viewChanges().stream().anyMatch(item -> item.contains(shown));
    });
    String line = leaderLine();
    String listed = viewChanges().stream().filter(item -> item.contains(line)).findFirst().orElseThrow();
    assertThat(listed).contains("elected ", "first commit ", "took over ", "committed ", "taken over ");
    waitUntil(() -> fx(() -> dashboard.scene().lookup("#timeline") instanceof ListView<?> timeline
        && timeline.getItems().stream().anyMatch(e -> e instanceof TimelineEvent event
            && event.kind() == TimelineEvent.Kind.LEADER && event.text().startsWith(line))));
  }

  /** "term 3: order-2 leads after ", from the leader's card, or "" while no card leads. */
  private static String leaderLine() throws Exception {
    String leader = fx(() -> {
      Node card = dashboard.scene().lookup(".card.leader");
      return card == null ? null : card.getId().substring("card-".length());
    });
    if (leader == null || !text("#epoch-" + leader).matches("\\d+")) {
      return "";
    }
    return "term " + text("#epoch-" + leader) + ": " + leader + " leads after ";
  }

  private static List<String> viewChanges() throws Exception {
    return fx(() -> {
      @SuppressWarnings("unchecked")
      ListView<String> list = (ListView<String>) dashboard.scene().lookup("#viewChanges");
      return List.copyOf(list.getItems());
    });
  }

  private static List<LogTable.Row> rows() throws Exception {
    return fx(() -> {
      @SuppressWarnings("unchecked")
      TableView<LogTable.Row> table = (TableView<LogTable.Row>) dashboard.scene().lookup("#replicationTable");
      return List.copyOf(table.getItems());
    });
  }

  private static String text(String selector) throws Exception {
    return fx(() -> {
      Node node = dashboard.scene().lookup(selector);
      return node == null || ((Label) node).getText() == null ? "" : ((Label) node).getText();
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
