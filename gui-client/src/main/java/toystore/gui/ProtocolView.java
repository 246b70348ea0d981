package toystore.gui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.config.Replication;
import toystore.gui.TimelineEvent.Kind;
import toystore.wire.order.ProtocolMessage;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ViewChangeReport;

/**
 * The Protocol panel under the Replication tab's logs (docs/DESIGN.md "The dashboard's Replication
 * tab"): per replica, messages per second by kind and direction over the last poll interval (lab
 * mode only), and the view changes (raft: terms) the replicas led with their steps and durations,
 * newest first. Each view change it sees for the first time also goes to the timeline as one LEADER
 * line. FX thread only.
 */
final class ProtocolView {
  /** View changes already on the timeline; bounded, as each replica reports only its last few. */
  private static final int SEEN_CAPACITY = 1000;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ProtocolPoller poller;
  /** The rates grid's width: the note under it wraps within it. */
  private static final double RATES_WIDTH = 520;

  private final EventTimeline timeline;
  private final GridPane rates = new GridPane();
  private final Label note = new Label("waiting for the replicas' metrics…");
  private final ListView<String> viewChanges = new ListView<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private final HBox root;
  private List<String> names = List.of();
  private Replication engine;

  ProtocolView(Backend backend, EventTimeline timeline) {
    this.poller = new ProtocolPoller(backend, this::show);
    this.timeline = timeline;
    rates.setId("protocolRates");
    rates.setHgap(14);
    rates.setVgap(0);
    rates.getStyleClass().add("compact");
    note.setId("protocolNote");
    note.getStyleClass().add("muted");
    viewChanges.setId("viewChanges");
    viewChanges.setPrefHeight(110);
    viewChanges.setCellFactory(list -> new WrappingCell());
    viewChanges.setPlaceholder(new Label(backend.hasAgent() ? "no view changes reported yet"
        : "View changes are read through the chaos agent: start the dashboard with its admin token."));
    Label title = new Label("Protocol activity");
    title.getStyleClass().add("log-title");
    Label changes = new Label("View changes (newest first)");
    changes.getStyleClass().add("log-title");
    // Rates beside the view changes, so the panel stays short and the logs above keep the room.
    note.setWrapText(true);
    note.setMaxWidth(RATES_WIDTH);
    VBox activity = new VBox(6, title, rates, note);
    activity.setMinWidth(Region.USE_PREF_SIZE);
    VBox history = new VBox(6, changes, viewChanges);
    VBox.setVgrow(viewChanges, Priority.ALWAYS);
    HBox.setHgrow(history, Priority.ALWAYS);
    root = new HBox(16, activity, history);
    root.setId("protocolView");
  }

  Node node() {
    return root;
  }

  void start() {
    poller.start();
  }

  void showing(boolean selected) {
    poller.showing(selected);
  }

  /** Each status poll: which replicas there are, where, and the engine. */
  void update(ClusterState state) {
    engine = state.replication().orElse(engine);
    List<ServiceView> replicas = state.replicaViews();
    poller.targets(replicas.stream().map(r -> new ProtocolPoller.Target(r.name(), r.url())).toList());
    List<String> now = replicas.stream().map(ServiceView::name).toList();
    if (!now.equals(names)) {
      names = now;
      rebuildGrid();
    }
  }

  private void rebuildGrid() {
    rates.getChildren().clear();
    rates.add(new Label("messages/s"), 0, 0);
    rates.add(new Label(""), 0, 1);
    ProtocolMessage.Kind[] kinds = ProtocolMessage.Kind.values();
    for (int k = 0; k < kinds.length; k++) {
      Label kind = new Label(kinds[k].label().replace('_', ' '));
      kind.getStyleClass().add("log-title");
      rates.add(kind, 1 + 2 * k, 0, 2, 1);
      GridPane.setHalignment(kind, HPos.CENTER);
      rates.add(muted("sent"), 1 + 2 * k, 1);
      rates.add(muted("recv"), 2 + 2 * k, 1);
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      rates.add(new Label(name), 0, 2 + i);
      for (int k = 0; k < kinds.length; k++) {
        for (Direction direction : Direction.values()) {
          Label cell = new Label("–");
          cell.setId(cellId(name, kinds[k], direction));
          rates.add(cell, 1 + 2 * k + direction.ordinal(), 2 + i);
          GridPane.setHalignment(cell, HPos.RIGHT);
        }
      }
    }
  }

  /** A view change's two lines wrapped within the list's width, not behind a horizontal scroll bar. */
  private static final class WrappingCell extends ListCell<String> {
    WrappingCell() {
      setWrapText(true);
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty ? null : item);
    }
  }

  private static Label muted(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("muted");
    return label;
  }

  static String cellId(String replica, ProtocolMessage.Kind kind, Direction direction) {
    return "proto-" + replica + "-" + kind.label() + "-" + direction.label();
  }

  private void show(List<ProtocolReading> readings) {
    List<String> problems = new ArrayList<>();
    boolean uncounted = engine == Replication.RAFT;
    for (ProtocolReading reading : readings) {
      for (ProtocolMessage.Kind kind : ProtocolMessage.Kind.values()) {
        for (Direction direction : Direction.values()) {
          Node cell = rates.lookup("#" + cellId(reading.name(), kind, direction));
          if (cell instanceof Label label) {
            Double rate = reading.rate(kind, direction);
            label.setText(rate == null ? "–" : String.format(Locale.ROOT, "%.1f", rate));
          }
        }
      }
      uncounted |= Boolean.FALSE.equals(reading.counted());
      if (reading.problem() != null) {
        problems.add(reading.name() + ": " + reading.problem());
      }
    }
    note.setText(uncounted ? "not counted in raft mode (Ratis's own traffic)"
        : problems.isEmpty() ? "over the last interval; a heartbeat is an append without entries"
        : String.join(" · ", problems));
    showViewChanges(readings);
  }

  private record Reported(String replica, ViewChangeReport viewChange) {
    String key() {
      // A replica leads an epoch (a term) at most once: leading needs a newer one than its own.
      return replica + "/" + viewChange.epoch();
    }
  }

  private void showViewChanges(List<ProtocolReading> readings) {
    List<Reported> all = new ArrayList<>();
    readings.forEach(r -> r.viewChanges().forEach(vc -> all.add(new Reported(r.name(), vc))));
    all.sort(Comparator.comparingLong((Reported r) -> r.viewChange().startedAtMillis()).reversed());
    List<String> lines = all.stream().map(r -> CLOCK.format(Instant.ofEpochMilli(r.viewChange().startedAtMillis()))
        + "  " + ViewChangeText.summary(r.replica(), r.viewChange(), engine) + "\n          "
        + ViewChangeText.steps(r.viewChange())).toList();
    if (!lines.equals(viewChanges.getItems())) {
      viewChanges.getItems().setAll(lines);
    }
    // Oldest first, so the timeline (newest on top) reads in the order they happened.
    for (int i = all.size() - 1; i >= 0; i--) {
      Reported reported = all.get(i);
      if (seen.add(reported.key())) {
        timeline.add(Kind.LEADER, ViewChangeText.summary(reported.replica(), reported.viewChange(), engine));
        if (seen.size() > SEEN_CAPACITY) {
          seen.remove(seen.iterator().next());
        }
      }
    }
  }
}
