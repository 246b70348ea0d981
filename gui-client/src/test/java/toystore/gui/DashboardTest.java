package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.chart.LineChart;
import javafx.scene.control.ComboBox;
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
import toystore.chaos.PartitionSupport;
import toystore.config.Replication;
import toystore.model.ServiceInfo;
import toystore.supervisor.Cluster;

/**
 * The dashboard against a real cluster (child JVMs on ports 22500-22505), driven through its window
 * by TestFX; headless on Monocle under Maven (see the surefire configuration). The faults run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
  private static final int PORT_BASE = 22500;
  private static final Pattern PLACED = Pattern.compile("Order #(\\d+) placed: (\\d+) × (\\S+)");

  @TempDir static Path dataDir;
  private static RealStoreDashboard ui;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    ui = RealStoreDashboard.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir));
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
  @Order(0)
  void theHeaderNamesTheLabEngineAndTheCardsTheEpoch() throws Exception {
    ui.waitUntil(() -> ui.text("#engineLabel").equals(HeaderBar.engineText(Replication.LAB)));
    String leader = ui.leaderCard();
    assertThat(ui.text("#epochKey-" + leader)).isEqualTo("epoch");
    assertThat(ui.text("#epoch-" + leader)).matches("\\d+");
  }

  @Test
  @Order(1)
  void placingAnOrderShowsItsNumber() throws Exception {
    ui.fx(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> toys = (ComboBox<String>) ui.scene().lookup("#toyChoice");
      toys.getSelectionModel().select("Dolphin");
      return null;
    });
    retype("#quantityField", "2");
    robot.clickOn("#orderButton");

    ui.waitUntil(() -> ui.text("#orderResult").startsWith("Order #"));
    Matcher placed = PLACED.matcher(ui.text("#orderResult"));
    assertThat(placed.matches()).as(ui.text("#orderResult")).isTrue();
    var order = ui.store().lookup(Long.parseLong(placed.group(1)));
    assertThat(order.name()).isEqualTo("Dolphin");
    assertThat(order.quantity()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void aLookupShowsTheOrder() throws Exception {
    long number = ui.store().order("Fox", 3, null);

    robot.clickOn("#lookupField").write(Long.toString(number));
    robot.clickOn("#lookupButton");

    ui.waitUntil(() -> ui.text("#lookupResult").startsWith("Order #" + number));
    assertThat(ui.text("#lookupResult")).isEqualTo("Order #" + number + ": 3 × Fox");
  }

  @Test
  @Order(3)
  void anInvalidQuantityShowsAClearMessage() throws Exception {
    long lastOrder = ui.store().status().replicas().stream().mapToLong(r -> r.lastOrder()).max().orElseThrow();

    retype("#quantityField", "0");
    robot.clickOn("#orderButton");
    ui.waitUntil(() -> ui.text("#orderResult").startsWith("Quantity"));
    assertThat(ui.text("#orderResult")).isEqualTo("Quantity must be a whole number from 1 to 1,000,000.");
    assertThat(styleClasses("#orderResult")).contains("error");

    // More than the stock: the store's own refusal is shown as a message, not a dialog.
    retype("#quantityField", "5000");
    robot.clickOn("#orderButton");
    ui.waitUntil(() -> ui.text("#orderResult").startsWith("Order rejected"));
    assertThat(ui.text("#orderResult")).contains("HTTP 409");

    assertThat(ui.store().status().replicas().stream().mapToLong(r -> r.lastOrder()).max().orElseThrow())
        .isEqualTo(lastOrder);
  }

  @Test
  @Order(4)
  void startingALoadRunMovesTheChart() throws Exception {
    ui.openTab("Load");
    assertThat(points("#loadThroughputChart")).isZero();

    robot.clickOn("#loadStart");
    ui.waitUntil(() -> points("#loadThroughputChart") >= 2 && points("#loadLatencyChart") >= 2);
    robot.clickOn("#loadStop");

    ui.waitUntil(() -> ui.text("#loadPhase").startsWith("Load finished"));
    assertThat(ui.text("#loadPhase")).contains("every acknowledged order read back as recorded");
    assertThat(Long.parseLong(ui.text("#loadRequests"))).isPositive();
  }

  @Test
  @Order(5)
  void killingTheLeaderMakesAnotherCardTheLeader() throws Exception {
    String before = ui.leaderCard();
    assertThat(before).isEqualTo("order-3");

    robot.clickOn("#killLeaderButton");

    ui.waitUntil(() -> {
      String now = ui.leaderCard();
      return now != null && !now.equals(before);
    });
    assertThat(ui.agent().services()).filteredOn(s -> s.name().equals(before)).extracting(ServiceInfo::alive)
        .containsExactly(false);
    assertThat(ui.fx(() -> ui.scene().lookup("#card-" + before).getStyleClass())).contains("down");
    assertThat(ui.timeline()).anySatisfy(line -> assertThat(line).endsWith("is the leader (was " + before + ")"));
  }

  @Test
  @Order(6)
  void theChaosMonkeyBreaksThingsAndSwitchingItOffHealsTheCluster() throws Exception {
    ui.fx(() -> {
      @SuppressWarnings("unchecked")
      Spinner<Integer> interval = (Spinner<Integer>) ui.scene().lookup("#monkeyInterval");
      interval.getValueFactory().setValue(2);
      return null;
    });

    robot.clickOn("#monkeyToggle");
    ui.waitUntil(() -> ui.timeline().stream()
        .anyMatch(line -> line.startsWith("Monkey: ") && !line.contains(" failed: ")));
    robot.clickOn("#monkeyToggle");

    assertThat(ui.timeline()).anySatisfy(line -> assertThat(line).startsWith("Chaos monkey off"));
    ui.waitUntil(() -> ui.agent().services().stream().allMatch(s -> s.alive() && !s.paused()));
    ui.waitUntil(() -> PartitionSupport.inForce(ui.agent()).isEmpty());
    ui.waitUntil(() -> ui.leaderCard() != null);
  }

  @Test
  @Order(7)
  void pausingAReplicaFromItsCardMarksItPausedAndResumingClearsIt() throws Exception {
    String follower = ui.fx(() -> ui.scene().getRoot().lookupAll(".card.order").stream()
        .filter(card -> !card.getStyleClass().contains("leader"))
        .map(card -> card.getId().substring("card-".length()))
        .findFirst()
        .orElseThrow());

    robot.clickOn("#pause-" + follower);

    ui.waitUntil(() -> styleClasses("#card-" + follower).contains("paused"));
    assertThat(ui.agent().services()).filteredOn(s -> s.name().equals(follower)).extracting(ServiceInfo::paused)
        .containsExactly(true);
    assertThat(visible("#paused-" + follower)).isTrue();
    assertThat(visible("#resume-" + follower)).isTrue();
    assertThat(visible("#pause-" + follower)).isFalse();
    assertThat(ui.timeline()).anySatisfy(line -> assertThat(line).isEqualTo("Paused " + follower + " (SIGSTOP)"));

    robot.clickOn("#resume-" + follower);

    ui.waitUntil(() -> !styleClasses("#card-" + follower).contains("paused"));
    assertThat(ui.agent().services()).filteredOn(s -> s.name().equals(follower)).extracting(ServiceInfo::paused)
        .containsExactly(false);
    assertThat(visible("#paused-" + follower)).isFalse();
    assertThat(visible("#pause-" + follower)).isTrue();
  }

  @Test
  @Order(8)
  void cuttingTheLeaderOffMarksItIsolatedAndHealingClearsIt() throws Exception {
    Optional<String> refusal = PartitionSupport.refusal(ui.agent());
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    ui.waitUntil(() -> ui.leaderCard() != null);
    String leader = ui.leaderCard();

    robot.clickOn("#cutLeaderButton");

    ui.waitUntil(() -> styleClasses("#card-" + leader).contains("isolated"));
    assertThat(visible("#isolated-" + leader)).isTrue();
    assertThat(ui.agent().partitions()).singleElement()
        .satisfies(partition -> assertThat(partition.groups()).contains(List.of(leader)));
    assertThat(ui.timeline()).anySatisfy(line -> assertThat(line).startsWith("Cut the leader off: " + leader));

    robot.clickOn("#healButton");

    ui.waitUntil(() -> !styleClasses("#card-" + leader).contains("isolated"));
    assertThat(ui.agent().partitions()).isEmpty();
    assertThat(visible("#isolated-" + leader)).isFalse();
    assertThat(ui.timeline()).contains("Healed every partition");
  }

  /** Clears a text field and types into it (a double click selects nothing when the two clicks come slowly). */
  private void retype(String selector, String text) throws Exception {
    ui.fx(() -> {
      ((TextField) ui.scene().lookup(selector)).clear();
      return null;
    });
    robot.clickOn(selector).write(text);
  }

  private static boolean visible(String selector) throws Exception {
    return ui.fx(() -> ui.scene().lookup(selector).isVisible());
  }

  private static List<String> styleClasses(String selector) throws Exception {
    return ui.fx(() -> List.copyOf(ui.scene().lookup(selector).getStyleClass()));
  }

  /** Data points across every series of a chart. */
  private static int points(String selector) throws Exception {
    return ui.fx(() -> {
      LineChart<?, ?> chart = (LineChart<?, ?>) ui.scene().lookup(selector);
      return chart.getData().stream().mapToInt(series -> series.getData().size()).sum();
    });
  }
}
