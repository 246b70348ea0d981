package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.gui.FaultBand.Kind;
import toystore.json.Json;
import toystore.load.RequestType;
import toystore.model.Role;
import toystore.model.ServiceInfo;
import toystore.supervisor.Cluster;

/**
 * The Load tab's time charts against a real cluster (child JVMs on ports 22720-22729) under one load
 * run: a killed follower is a band on every chart until its restart, a paused leader a latency spike
 * that is gone a few intervals later, and the export writes both into the store's data directory.
 * Headless on Monocle under Maven. The tests build on each other, in order. They read the charts as
 * drawn: points by their second, bands by their rectangles and labels.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadChartsTest {
  private static final int PORT_BASE = 22720;
  private static final List<String> CHARTS = List.of("#loadLatencyChart", "#loadThroughputChart", "#loadErrorChart");
  private static final Pattern EXPORTED = Pattern.compile("Timeline exported: (\\S+) and (\\S+)");

  @TempDir static Path dataDir;
  private static RealStoreDashboard ui;
  private static AgentClient agent;
  private static String killed;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    ui = RealStoreDashboard.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir));
    agent = new AgentClient(JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(45)),
        ui.cluster().agentUrl(), ui.cluster().adminToken());
    ui.open(address -> new Dashboard(address, 11, dataDir));
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
  void aKilledFollowerIsABandOnEveryChartUntilItsRestart() throws Exception {
    ui.openTab("Load");
    robot.clickOn("#loadStart");
    ui.waitUntil(() -> p99(RequestType.ORDER).size() >= 3);
    killed = agent.services().stream()
        .filter(s -> s.isOrderReplica() && s.role() == Role.FOLLOWER)
        .map(ServiceInfo::name).findFirst().orElseThrow();

    agent.kill(killed);

    Drawn open = new Drawn(Kind.KILL, killed + " " + Kind.KILL.label(), true);
    for (String chart : CHARTS) {
      ui.waitUntil(() -> drawn(chart).contains(open));
    }
    agent.restart(killed);
    Drawn healed = new Drawn(Kind.KILL, open.label(), false);
    for (String chart : CHARTS) {
      ui.waitUntil(() -> drawn(chart).contains(healed));
    }
  }

  @Test
  @Order(1)
  void aPausedLeaderIsASpikeThatIsGoneAFewIntervalsLater() throws Exception {
    String leader = agent.services().stream()
        .filter(s -> s.isOrderReplica() && s.role() == Role.LEADER)
        .map(ServiceInfo::name).findFirst().orElseThrow();
    String label = leader + " " + Kind.PAUSE.label();
    double paused = lastSecond();

    agent.pause(leader);
    // Paused for two intervals after the dashboard has seen it.
    ui.waitUntil(() -> drawn("#loadLatencyChart").contains(new Drawn(Kind.PAUSE, label, true)));
    double seen = lastSecond();
    ui.waitUntil(() -> lastSecond() >= seen + 2);
    agent.resume(leader);
    double resumed = lastSecond();
    ui.waitUntil(() -> p99(RequestType.ORDER).stream().filter(p -> p.second() > resumed + 4).count() >= 4);

    List<Point> p99 = p99(RequestType.ORDER);
    double spike = p99.stream().filter(p -> p.second() > paused && p.second() <= resumed + 2)
        .mapToDouble(Point::ms).max().orElseThrow();
    double[] later = p99.stream().filter(p -> p.second() > resumed + 4).mapToDouble(Point::ms).sorted().toArray();
    double typical = later[later.length / 2];
    assertThat(spike)
        .as("the p99 of the pause's intervals (after %.0f s, to %.0f s) against the median of those after, %s",
            paused, resumed + 2, p99)
        .isGreaterThan(5 * typical);
    ui.waitUntil(() -> drawn("#loadLatencyChart").contains(new Drawn(Kind.PAUSE, label, false)));
  }

  @Test
  @Order(2)
  void theExportWritesTheBandsAsJsonAndTheChartsAsPng() throws Exception {
    robot.clickOn("#loadExport");

    ui.waitUntil(() -> EXPORTED.matcher(ui.text("#loadExported")).matches());
    Matcher written = EXPORTED.matcher(ui.text("#loadExported"));
    assertThat(written.matches()).isTrue();
    Path json = Path.of(written.group(1));
    Path png = Path.of(written.group(2));
    assertThat(json.getParent()).isEqualTo(dataDir.toAbsolutePath());
    TimelineFile file = Json.read(Files.readString(json), TimelineFile.class);
    assertThat(file.bands()).anySatisfy(b -> {
      assertThat(b.service()).isEqualTo(killed);
      assertThat(b.kind()).isEqualTo(Kind.KILL);
      assertThat(b.end()).isNotNull();
      assertThat(b.endSecond()).isGreaterThan(b.startSecond());
    });
    assertThat(file.intervals()).isNotEmpty();
    assertThat(file.events()).isNotEmpty();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isPositive();
    assertThat(ui.timeline().stream().anyMatch(t -> t.contains(json.toString()))).isTrue();
    // Kept for a look after the run: the export and the whole window.
    Path window = ui.picture("load-tab.png");
    Files.copy(png, window.resolveSibling("load-charts.png"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(json, window.resolveSibling("load-timeline.json"), StandardCopyOption.REPLACE_EXISTING);
    robot.clickOn("#loadStop");
    ui.waitUntil(() -> ui.text("#loadPhase").startsWith("Load finished"));
  }

  private static TimeChart chart(String selector) {
    return (TimeChart) ui.scene().lookup(selector);
  }

  /** One point of a latency series: the interval ending {@code second} seconds into the run. */
  private record Point(double second, double ms) {}

  /** A band as drawn: its rectangle's kind, the label at its left edge, whether it reaches the right edge (open). */
  private record Drawn(Kind kind, String label, boolean open) {}

  /** The bands a chart shows: every visible rectangle with its label. */
  private static List<Drawn> drawn(String selector) throws Exception {
    return ui.fx(() -> {
      TimeChart chart = chart(selector);
      double right = chart.getXAxis().getWidth();
      List<Text> labels = chart.lookupAll(".band-label").stream().filter(Node::isVisible).map(Text.class::cast)
          .toList();
      return chart.lookupAll(".band").stream().filter(Node::isVisible).map(Rectangle.class::cast).map(r -> {
        Kind kind = Arrays.stream(Kind.values())
            .filter(k -> r.getStyleClass().contains("band-" + k.name().toLowerCase())).findFirst().orElseThrow();
        String label = labels.stream()
            .filter(t -> Math.abs(t.getX() - r.getX() - 3) < 0.5 && t.getText().endsWith(" " + kind.label()))
            .map(Text::getText).findFirst().orElse("");
        return new Drawn(kind, label, r.getX() + r.getWidth() >= right - 0.5);
      }).toList();
    });
  }

  /** The p99 series of one request type on the latency chart, oldest interval first. */
  private static List<Point> p99(RequestType type) throws Exception {
    return ui.fx(() -> chart("#loadLatencyChart").getData().stream()
        .filter(s -> s.getName().equals(type.label() + " p99"))
        .flatMap(s -> s.getData().stream())
        .map(d -> new Point(d.getXValue().doubleValue(), d.getYValue().doubleValue()))
        .toList());
  }

  /** The second of the newest interval charted: the error chart has a point for every one. */
  private static double lastSecond() throws Exception {
    return ui.fx(() -> {
      List<XYChart.Data<Number, Number>> errors = chart("#loadErrorChart").getData().get(0).getData();
      return errors.isEmpty() ? 0 : errors.get(errors.size() - 1).getXValue().doubleValue();
    });
  }
}
