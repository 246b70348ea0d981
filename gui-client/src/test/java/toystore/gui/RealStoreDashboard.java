package toystore.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import okhttp3.OkHttpClient;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.connect.StoreAddress;
import toystore.gui.LogTable.Row;
import toystore.supervisor.Cluster;

/**
 * A real store (child JVMs) with the dashboard in TestFX's primary stage, for the tests that drive
 * the window, and the reads they share, each done on the FX thread and bounded by {@link Bounds}.
 * In {@code @BeforeAll}: {@link #start} the store, do what must come before the window (orders,
 * clients), {@link #open} the dashboard; {@link #close} both in {@code @AfterAll}.
 */
final class RealStoreDashboard implements AutoCloseable {
  /** How long a test waits for a condition, and for the FX thread to answer one read. */
  record Bounds(long waitSeconds, long fxSeconds) {}

  /** A condition a test waits for; it may call the store. */
  interface Condition {
    boolean holds() throws Exception;
  }

  private static final Bounds USUAL = new Bounds(60, 5);
  /** A snapshot of the whole window takes longer than a read on a loaded machine. */
  private static final long PICTURE_SECONDS = 30;

  private final Cluster cluster;
  private final StoreClient store;
  private final AgentClient agent;
  private final Bounds bounds;
  private final FxRobot robot = new FxRobot();
  private Dashboard dashboard;

  private RealStoreDashboard(Cluster cluster, StoreClient store, AgentClient agent, Bounds bounds) {
    this.cluster = cluster;
    this.store = store;
    this.agent = agent;
    this.bounds = bounds;
  }

  /** Starts the store {@code config} describes, waiting 60 s for a condition and 5 s for a read. */
  static RealStoreDashboard start(Cluster.Config config) throws IOException {
    return start(config, USUAL);
  }

  static RealStoreDashboard start(Cluster.Config config, Bounds bounds) throws IOException {
    Cluster cluster = Cluster.start(config, line -> {});
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30));
    return new RealStoreDashboard(cluster, new StoreClient(http, cluster.frontendUrl()),
        new AgentClient(http, cluster.agentUrl(), cluster.adminToken()), bounds);
  }

  /** Shows the dashboard {@code dashboardFor} builds for this store in the primary stage. */
  void open(Function<StoreAddress, Dashboard> dashboardFor) throws TimeoutException {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> {
      dashboard = dashboardFor.apply(new StoreAddress(cluster.frontendUrl(), cluster.agentUrl(), cluster.adminToken()));
      dashboard.show(stage);
    });
  }

  /** Closes the window if it opened, then stops the store, also when closing the window fails. */
  @Override
  public void close() throws TimeoutException {
    try {
      if (dashboard != null) {
        FxToolkit.cleanupStages();
      }
    } finally {
      cluster.close();
    }
  }

  Cluster cluster() {
    return cluster;
  }

  StoreClient store() {
    return store;
  }

  AgentClient agent() {
    return agent;
  }

  /** The dashboard's scene: read it on the FX thread ({@link #fx}). */
  Scene scene() {
    return dashboard.scene();
  }

  <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(bounds.fxSeconds(), TimeUnit.SECONDS);
  }

  /** Waits until {@code condition} holds; an exception it throws ends the wait. */
  void waitUntil(Condition condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(bounds.waitSeconds(), TimeUnit.SECONDS, condition::holds);
  }

  /** A label's text; "" while it has none or is not in the window. */
  String text(String selector) throws Exception {
    return fx(() -> {
      Node node = scene().lookup(selector);
      String text = node == null ? null : ((Label) node).getText();
      return text == null ? "" : text;
    });
  }

  /** The name on the card that carries the leader style, or null. */
  String leaderCard() throws Exception {
    return fx(() -> {
      Node card = scene().lookup(".card.leader");
      return card == null ? null : card.getId().substring("card-".length());
    });
  }

  /** The timeline's lines, newest first. */
  List<String> timeline() throws Exception {
    return fx(() -> {
      ListView<?> events = (ListView<?>) scene().lookup("#timeline");
      return events.getItems().stream().map(event -> ((TimelineEvent) event).text()).toList();
    });
  }

  /** The Replication tab's table: use it on the FX thread. */
  @SuppressWarnings("unchecked")
  TableView<Row> replicationTable() {
    return (TableView<Row>) scene().lookup("#replicationTable");
  }

  /** The Replication tab's rows, newest entry first. */
  List<Row> rows() throws Exception {
    return fx(() -> List.copyOf(replicationTable().getItems()));
  }

  void openTab(String title) {
    robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText(title)).queryAs(Node.class));
  }

  /** The window as it is now, in {@code target/screenshots/}, for a person to look at. */
  Path picture(String name) throws Exception {
    return write(name, () -> scene().snapshot(null));
  }

  /** The node {@code selector} finds, as it is now, in {@code target/screenshots/}. */
  Path picture(String name, String selector) throws Exception {
    return write(name, () -> scene().lookup(selector).snapshot(null, null));
  }

  private static Path write(String name, Callable<Image> snapshot) throws Exception {
    Path file = Path.of("target", "screenshots", name);
    WaitForAsyncUtils.asyncFx(() -> {
      Png.write(snapshot.call(), file);
      return null;
    }).get(PICTURE_SECONDS, TimeUnit.SECONDS);
    return file;
  }
}
