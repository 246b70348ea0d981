package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
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
import toystore.chaos.PartitionSupport;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.config.Replication;
import toystore.connect.StoreAddress;
import toystore.model.ServiceInfo;
import toystore.supervisor.Cluster;

/**
 * The dashboard against a real cluster (child JVMs on ports 22500-22505), driven through its window
 * by TestFX; headless on Monocle under Maven (see the surefire configuration). The faults run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
  private static final int PORT_BASE = 22500;
  private static final long WAIT_SECONDS = 60;
  private static final Pattern PLACED = Pattern.compile("Order #(\\d+) placed: (\\d+) × (\\S+)");

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
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> {
      dashboard = new Dashboard(new StoreAddress(cluster.frontendUrl(), cluster.agentUrl(), cluster.adminToken()), 7);
      dashboard.show(stage);
    });
    waitUntil(() -> leaderCard() != null);
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
  @Order(0)
  void theHeaderNamesTheLabEngineAndTheCardsTheEpoch() throws Exception {
    waitUntil(() -> text("#engineLabel").equals(HeaderBar.engineText(Replication.LAB)));
    String leader = leaderCard();
    assertThat(text("#epochKey-" + leader)).isEqualTo("epoch");
    assertThat(text("#epoch-" + leader)).matches("\\d+");
  }

  @Test
  @Order(1)
  void placingAnOrderShowsItsNumber() throws Exception {
    fx(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> toys = (ComboBox<String>) dashboard.scene().lookup("#toyChoice");
      toys.getSelectionModel().select("Dolphin");
      return null;
    });
    retype("#quantityField", "2");
    robot.clickOn("#orderButton");

    waitUntil(() -> text("#orderResult").startsWith("Order #"));
    Matcher placed = PLACED.matcher(text("#orderResult"));
    assertThat(placed.matches()).as(text("#orderResult")).isTrue();
    var order = store.lookup(Long.parseLong(placed.group(1)));
    assertThat(order.name()).isEqualTo("Dolphin");
    assertThat(order.quantity()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void aLookupShowsTheOrder() throws Exception {
    long number = store.order("Fox", 3, null);

    robot.clickOn("#lookupField").write(Long.toString(number));
    robot.clickOn("#lookupButton");

    waitUntil(() -> text("#lookupResult").startsWith("Order #" + number));
    assertThat(text("#lookupResult")).isEqualTo("Order #" + number + ": 3 × Fox");
  }

  @Test
  @Order(3)
  void anInvalidQuantityShowsAClearMessage() throws Exception {
    long lastOrder = store.status().replicas().stream().mapToLong(r -> r.lastOrder()).max().orElseThrow();

    retype("#quantityField", "0");
    robot.clickOn("#orderButton");
    waitUntil(() -> text("#orderResult").startsWith("Quantity"));
    assertThat(text("#orderResult")).isEqualTo("Quantity must be a whole number from 1 to 1,000,000.");
    assertThat(styleClasses("#orderResult")).contains("error");

    // More than the stock: the store's own refusal is shown as a message, not a dialog.
    retype("#quantityField", "5000");
    robot.clickOn("#orderButton");
    waitUntil(() -> text("#orderResult").startsWith("Order rejected"));
    assertThat(text("#orderResult")).contains("HTTP 409");

    assertThat(store.status().replicas().stream().mapToLong(r -> r.lastOrder()).max().orElseThrow())
        .isEqualTo(lastOrder);
  }

  @Test
  @Order(4)
  void startingALoadRunMovesTheChart() throws Exception {
    robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText("Load")).queryAs(Node.class));
    assertThat(points("#loadThroughputChart")).isZero();

    robot.clickOn("#loadStart");
    waitUntil(() -> points("#loadThroughputChart") >= 2 && points("#loadLatencyChart") >= 2);
    robot.clickOn("#loadStop");

    waitUntil(() -> text("#loadPhase").startsWith("Load finished"));
    assertThat(text("#loadPhase")).contains("every acknowledged order read back as recorded");
    assertThat(Long.parseLong(text("#loadRequests"))).isPositive();
  }

  @Test
  @Order(5)
  void killingTheLeaderMakesAnotherCardTheLeader() throws Exception {
    String before = leaderCard();
    assertThat(before).isEqualTo("order-3");

    robot.clickOn("#killLeaderButton");

    waitUntil(() -> {
      String now = leaderCard();
      return now != null && !now.equals(before);
    });
    assertThat(agent.services()).filteredOn(s -> s.name().equals(before)).extracting(ServiceInfo::alive)
        .containsExactly(false);
    assertThat(fx(() -> dashboard.scene().lookup("#card-" + before).getStyleClass())).contains("down");
    assertThat(timeline()).anySatisfy(line -> assertThat(line).endsWith("is the leader (was " + before + ")"));
  }

  @Test
  @Order(6)
  void theChaosMonkeyBreaksThingsAndSwitchingItOffHealsTheCluster() throws Exception {
    fx(() -> {
      @SuppressWarnings("unchecked")
      Spinner<Integer> interval = (Spinner<Integer>) dashboard.scene().lookup("#monkeyInterval");
      interval.getValueFactory().setValue(2);
      return null;
    });

    robot.clickOn("#monkeyToggle");
    waitUntil(() -> timeline().stream().anyMatch(line -> line.startsWith("Monkey: ") && !line.contains(" failed: ")));
    robot.clickOn("#monkeyToggle");

    assertThat(timeline()).anySatisfy(line -> assertThat(line).startsWith("Chaos monkey off"));
    waitUntil(() -> agent.services().stream().allMatch(s -> s.alive() && !s.paused()));
    waitUntil(() -> PartitionSupport.inForce(agent).isEmpty());
    waitUntil(() -> leaderCard() != null);
  }

  @Test
  @Order(7)
  void pausingAReplicaFromItsCardMarksItPausedAndResumingClearsIt() throws Exception {
    String follower = fx(() -> dashboard.scene().getRoot().lookupAll(".card.order").stream()
        .filter(card -> !card.getStyleClass().contains("leader"))
        .map(card -> card.getId().substring("card-".length()))
        .findFirst()
        .orElseThrow());

    robot.clickOn("#pause-" + follower);

    waitUntil(() -> styleClasses("#card-" + follower).contains("paused"));
    assertThat(agent.services()).filteredOn(s -> s.name().equals(follower)).extracting(ServiceInfo::paused)
        .containsExactly(true);
    assertThat(visible("#paused-" + follower)).isTrue();
    assertThat(visible("#resume-" + follower)).isTrue();
    assertThat(visible("#pause-" + follower)).isFalse();
    assertThat(timeline()).anySatisfy(line -> assertThat(line).isEqualTo("Paused " + follower + " (SIGSTOP)"));

    robot.clickOn("#resume-" + follower);

    waitUntil(() -> !styleClasses("#card-" + follower).contains("paused"));
    assertThat(agent.services()).filteredOn(s -> s.name().equals(follower)).extracting(ServiceInfo::paused)
        .containsExactly(false);
    assertThat(visible("#paused-" + follower)).isFalse();
    assertThat(visible("#pause-" + follower)).isTrue();
  }

  @Test
  @Order(8)
  void cuttingTheLeaderOffMarksItIsolatedAndHealingClearsIt() throws Exception {
    Optional<String> refusal = PartitionSupport.refusal(agent);
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    waitUntil(() -> leaderCard() != null);
    String leader = leaderCard();

    robot.clickOn("#cutLeaderButton");

    waitUntil(() -> styleClasses("#card-" + leader).contains("isolated"));
    assertThat(visible("#isolated-" + leader)).isTrue();
    assertThat(agent.partitions()).singleElement()
        .satisfies(partition -> assertThat(partition.groups()).contains(List.of(leader)));
    assertThat(timeline()).anySatisfy(line -> assertThat(line).startsWith("Cut the leader off: " + leader));

    robot.clickOn("#healButton");

    waitUntil(() -> !styleClasses("#card-" + leader).contains("isolated"));
    assertThat(agent.partitions()).isEmpty();
    assertThat(visible("#isolated-" + leader)).isFalse();
    assertThat(timeline()).contains("Healed every partition");
  }

  /** Clears a text field and types into it (a double click selects nothing when the two clicks come slowly). */
  private void retype(String selector, String text) throws Exception {
    fx(() -> {
      ((TextField) dashboard.scene().lookup(selector)).clear();
      return null;
    });
    robot.clickOn(selector).write(text);
  }

  private static boolean visible(String selector) throws Exception {
    return fx(() -> dashboard.scene().lookup(selector).isVisible());
  }

  /** The name on the card that carries the leader style, or null. */
  private static String leaderCard() throws Exception {
    return fx(() -> {
      Node card = dashboard.scene().lookup(".card.leader");
      return card == null ? null : card.getId().substring("card-".length());
    });
  }

  private static String text(String selector) throws Exception {
    return fx(() -> {
      String text = ((Label) dashboard.scene().lookup(selector)).getText();
      return text == null ? "" : text;
    });
  }

  private static List<String> styleClasses(String selector) throws Exception {
    return fx(() -> List.copyOf(dashboard.scene().lookup(selector).getStyleClass()));
  }

  private static List<String> timeline() throws Exception {
    return fx(() -> {
      ListView<?> events = (ListView<?>) dashboard.scene().lookup("#timeline");
      return events.getItems().stream().map(event -> ((TimelineEvent) event).text()).toList();
    });
  }

  /** Data points across every series of a chart. */
  private static int points(String selector) throws Exception {
    return fx(() -> {
      LineChart<?, ?> chart = (LineChart<?, ?>) dashboard.scene().lookup(selector);
      return chart.getData().stream().mapToInt(series -> series.getData().size()).sum();
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
