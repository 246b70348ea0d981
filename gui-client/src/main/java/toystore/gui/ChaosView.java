package toystore.gui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The chaos panel: kill the leader, cut it off and heal the partitions, the chaos monkey, and the
 * timeline of faults, heals and leader changes.
 */
final class ChaosView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final VBox root;

  ChaosView(ChaosActions chaos, MonkeySwitch monkey, EventTimeline timeline, long seed) {
    Label title = new Label("Chaos");
    title.getStyleClass().add("section-title");

    Button killLeader = new Button("Kill the leader");
    killLeader.setId("killLeaderButton");
    killLeader.getStyleClass().addAll("danger", "big");
    killLeader.setMaxWidth(Double.MAX_VALUE);
    killLeader.setOnAction(e -> {
      killLeader.setDisable(true);
      chaos.killLeader(() -> killLeader.setDisable(false));
    });

    Button cutLeader = new Button("Cut the leader off");
    cutLeader.setId("cutLeaderButton");
    cutLeader.getStyleClass().add("cut");
    cutLeader.setOnAction(e -> {
      cutLeader.setDisable(true);
      chaos.isolateLeader(() -> cutLeader.setDisable(false));
    });
    Button heal = new Button("Heal partitions");
    heal.setId("healButton");
    heal.getStyleClass().add("heal");
    heal.setOnAction(e -> {
      heal.setDisable(true);
      chaos.healPartitions(() -> heal.setDisable(false));
    });
    HBox partitionRow = new HBox(8, cutLeader, heal);
    for (Button button : List.of(cutLeader, heal)) {
      button.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(button, Priority.ALWAYS);
    }

    ToggleButton monkeySwitch = new ToggleButton("Chaos monkey: off");
    monkeySwitch.setId("monkeyToggle");
    monkeySwitch.getStyleClass().add("monkey");
    Spinner<Integer> interval = new Spinner<>(2, 120, 10, 1);
    interval.setId("monkeyInterval");
    interval.setEditable(true);
    interval.setPrefWidth(80);
    Label every = new Label("every");
    Label seconds = new Label("s");
    every.getStyleClass().add("muted");
    seconds.getStyleClass().add("muted");
    HBox monkeyRow = new HBox(8, monkeySwitch, every, interval, seconds);
    monkeyRow.setAlignment(Pos.CENTER_LEFT);
    monkeySwitch.selectedProperty().addListener((obs, was, on) -> {
      if (on) {
        monkey.start(Duration.ofSeconds(interval.getValue()), seed);
      } else {
        monkey.stop(true);
      }
      monkeySwitch.setText("Chaos monkey: " + (on ? "on" : "off"));
      interval.setDisable(on);
    });
    Label monkeyNote = new Label("Kills, pauses or cuts off an order replica (the leader or a random one), then heals it at the next step: never more than one affected. Switching it off heals everything.");
    monkeyNote.getStyleClass().add("muted");
    monkeyNote.setWrapText(true);
    monkeyNote.setMinHeight(Region.USE_PREF_SIZE);

    VBox controls = new VBox(10, killLeader, partitionRow, monkeyRow, monkeyNote);
    if (!chaos.available()) {
      controls.setDisable(true);
      Label noAgent = new Label("No chaos agent configured: start the cluster with ./toystore up, or pass --agent.");
      noAgent.setWrapText(true);
      noAgent.getStyleClass().add("warning");
      controls.getChildren().add(noAgent);
    }

    Label timelineTitle = new Label("Timeline");
    timelineTitle.getStyleClass().add("section-title");
    ListView<TimelineEvent> events = new ListView<>(timeline.events());
    events.setId("timeline");
    events.setCellFactory(list -> new EventCell());
    events.setPlaceholder(new Label("nothing yet"));
    VBox.setVgrow(events, Priority.ALWAYS);

    root = new VBox(12, title, controls, timelineTitle, events);
    root.getStyleClass().addAll("panel", "chaos");
  }

  Node node() {
    return root;
  }

  /** A time, a coloured dot for the kind of event, and the text. */
  private static final class EventCell extends ListCell<TimelineEvent> {
    private final Label time = new Label();
    private final Region dot = new Region();
    private final Label text = new Label();
    private final HBox row = new HBox(8, time, dot, text);

    EventCell() {
      time.getStyleClass().addAll("mono", "muted");
      // A wrapping text must not squeeze the time into "…".
      time.setMinWidth(Region.USE_PREF_SIZE);
      dot.getStyleClass().add("dot");
      text.setWrapText(true);
      row.setAlignment(Pos.CENTER_LEFT);
      HBox.setHgrow(text, Priority.ALWAYS);
      // Wrap within the list's width instead of growing a horizontal scroll bar.
      text.setMaxWidth(Double.MAX_VALUE);
      text.setMinWidth(0);
      row.setMinWidth(0);
      row.prefWidthProperty().bind(widthProperty().subtract(24));
    }

    @Override
    protected void updateItem(TimelineEvent event, boolean empty) {
      super.updateItem(event, empty);
      if (empty || event == null) {
        setGraphic(null);
        return;
      }
      time.setText(TIME.format(event.at()));
      text.setText(event.text());
      dot.getStyleClass().setAll("dot", "dot-" + event.kind().name().toLowerCase());
      setGraphic(row);
    }
  }
}
