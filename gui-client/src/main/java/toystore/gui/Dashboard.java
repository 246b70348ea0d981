package toystore.gui;

import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import toystore.connect.StoreAddress;

/**
 * The whole window: a header, the service cards, the shop / load / cache / replication tabs and the chaos panel with
 * its timeline. Build and show it on the FX thread; closing the window stops everything it started.
 */
final class Dashboard implements AutoCloseable {
  static final double WIDTH = 1280;
  static final double HEIGHT = 800;

  private final StoreAddress address;
  private final Backend backend;
  private final MonkeySwitch monkey;
  private final LoadView load;
  private final Scene scene;
  private final StatusPoller statusPoller;
  private final ShopView shop;
  private final ReplicationView replication;
  private final ProtocolView protocol;
  private boolean closed;

  /** A dashboard that exports into the working directory. */
  Dashboard(StoreAddress address, long seed) {
    this(address, seed, Path.of("").toAbsolutePath());
  }

  /**
   * @param seed seeds the chaos monkey's and the load runs' choices, so a session can be repeated
   * @param exportDirectory where Export timeline writes (the store's data directory when known)
   */
  Dashboard(StoreAddress address, long seed, Path exportDirectory) {
    this.address = address;
    this.backend = new Backend(address);
    EventTimeline timeline = new EventTimeline(Clock.systemDefaultZone());
    ChaosActions chaos = new ChaosActions(backend, timeline);
    this.monkey = new MonkeySwitch(backend, timeline);

    HeaderBar header = new HeaderBar(address);
    ReplicasView replicas = new ReplicasView(address.frontendUrl(), chaos);
    this.shop = new ShopView(backend);
    CacheView cache = new CacheView();
    ChaosView chaosView = new ChaosView(chaos, monkey, timeline, seed);
    FaultBands faults = new FaultBands(address.frontendUrl());
    this.load = new LoadView(backend, address.frontendUrl(), timeline, faults, new TimelineExport(exportDirectory), seed);
    ChangeWatch changes = new ChangeWatch(timeline, address.frontendUrl());
    this.replication = new ReplicationView(backend);
    this.protocol = new ProtocolView(backend, timeline);
    replication.addBelow(protocol.node());

    statusPoller = new StatusPoller(backend);
    statusPoller.addListener(state -> {
      faults.accept(state);
      load.drawBands();
    });
    statusPoller.addListener(header::update);
    statusPoller.addListener(replicas::update);
    statusPoller.addListener(shop::update);
    statusPoller.addListener(cache::update);
    statusPoller.addListener(changes::accept);
    statusPoller.addListener(replication::update);
    statusPoller.addListener(protocol::update);

    TabPane tabs = new TabPane(
        tab("Shop", "shopTab", shop.node()),
        tab("Load", "loadTab", load.node()),
        tab("Cache", "cacheTab", cache.node()),
        tab("Replication", "replicationTab", replication.node()));
    Tab replicationTab = tabs.getTabs().get(tabs.getTabs().size() - 1);
    replicationTab.selectedProperty().addListener((property, was, selected) -> {
      replication.showing(selected);
      protocol.showing(selected);
    });
    tabs.setId("tabs");
    SplitPane split = new SplitPane(tabs, chaosView.node());
    split.setDividerPositions(0.66);
    VBox.setVgrow(split, Priority.ALWAYS);
    VBox body = new VBox(12, replicas.node(), split);
    body.getStyleClass().add("body");

    BorderPane root = new BorderPane(body);
    root.setTop(header.node());
    root.getStyleClass().add("dashboard");
    scene = new Scene(root, WIDTH, HEIGHT);
    scene.getStylesheets().add(Dashboard.class.getResource("dashboard.css").toExternalForm());
    chaosView.installShortcuts(scene);
  }

  Scene scene() {
    return scene;
  }

  /** Puts the dashboard in {@code stage}, starts polling, and stops everything when the window closes. */
  void show(Stage stage) {
    stage.setTitle("Toy Store dashboard — " + address.frontendUrl());
    stage.setScene(scene);
    stage.setOnHidden(e -> close());
    stage.show();
    statusPoller.start();
    shop.startPolling();
    replication.start();
    protocol.start();
  }

  /** FX thread. Stops the chaos monkey, a load run, the polls and every call in flight. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    monkey.stop(false);
    load.close();
    backend.close();
  }

  private static Tab tab(String title, String id, Node content) {
    Tab tab = new Tab(title, content);
    tab.setId(id);
    tab.setClosable(false);
    return tab;
  }
}
