package toystore.gui;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The chaos panel: kill or pause the leader (and resume), cut it off from its followers or from
 * everyone and heal the partitions, with keyboard shortcuts for kill, pause and heal; the chaos
 * monkey; and the timeline of faults, heals and leader changes.
 */
final class ChaosView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  static final KeyCombination KILL_LEADER = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
  static final KeyCombination PAUSE_LEADER = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
  static final KeyCombination HEAL = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);

  private final VBox root;
  private final Map<KeyCombination, Button> shortcuts;

  ChaosView(ChaosActions chaos, MonkeySwitch monkey, EventTimeline timeline, long seed) {
    Label title = new Label("Chaos");
    title.getStyleClass().add("section-title");

    Button killLeader = button(chaos::killLeader, "killLeaderButton", "Kill the leader", KILL_LEADER,
        "SIGKILL to the replica that leads now: the others elect a new one", "danger", "big");
    Button pauseLeader = button(chaos::pauseLeader, "pauseLeaderButton", "Pause the leader", PAUSE_LEADER,
        "SIGSTOP to the replica that leads now: frozen, its sockets open, it stops answering", "freeze");
    Button resume = button(chaos::resumePaused, "resumePausedButton", "Resume paused", null,
        "SIGCONT to every paused service", "freeze");

    Button cutFollowers = button(chaos::cutLeaderFromFollowers, "cutFollowersButton",
        "Cut the leader off from its followers", null,
        "A partition [[leader], [the other replicas]]: the frontend and the catalog still reach everyone, so the old "
            + "leader takes orders it cannot commit (an uncommitted tail) until the frontend moves leadership", "cut");
    Button cutLeader = button(chaos::isolateLeader, "cutLeaderButton", "Isolate the leader", null,
        "A partition [[leader], [every other service]]: nobody reaches the leader, not even the frontend", "cut");
    Button heal = button(chaos::healPartitions, "healButton", "Heal partitions", HEAL,
        "Deletes every partition in force", "heal");
    shortcuts = Map.of(KILL_LEADER, killLeader, PAUSE_LEADER, pauseLeader, HEAL, heal);

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

    VBox controls = new VBox(10, killLeader, row(pauseLeader, resume), cutFollowers, row(cutLeader, heal), monkeyRow,
        monkeyNote);
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

  /**
   * Ctrl+K, Ctrl+P and Ctrl+H press kill-leader, pause-leader and heal anywhere in {@code scene}: with
   * Ctrl held no typing in a text field triggers them. A filter on the scene rather than its
   * accelerators, which a focused text field never lets through for Ctrl+H (delete the previous
   * character). A disabled button (no agent, a call in flight) ignores its key as it ignores a click.
   */
  void installShortcuts(Scene scene) {
    scene.addEventFilter(KeyEvent.KEY_PRESSED, key -> shortcuts.forEach((keys, button) -> {
      if (keys.match(key)) {
        key.consume();
        button.fire();
      }
    }));
  }

  /** Runs {@code action} with {@code button} disabled until the agent has answered. */
  private static void busy(Button button, Consumer<Runnable> action) {
    button.setDisable(true);
    action.accept(() -> button.setDisable(false));
  }

  /**
   * A button as wide as its row allows, its shortcut, if any, in its label and tooltip; pressed, it
   * runs {@code action} and stays disabled until the action says it is done.
   */
  private static Button button(Consumer<Runnable> action, String id, String text, KeyCombination keys, String tip,
                               String... styles) {
    String shortcut = keys == null ? "" : "  (" + keys.getDisplayText() + ")";
    Button button = new Button(text + shortcut);
    button.setOnAction(e -> busy(button, action));
    button.setId(id);
    button.getStyleClass().addAll(styles);
    button.setMaxWidth(Double.MAX_VALUE);
    Tooltip tooltip = new Tooltip(tip + (keys == null ? "" : ". Shortcut: " + keys.getDisplayText()));
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(360);
    button.setTooltip(tooltip);
    return button;
  }

  private static HBox row(Button... buttons) {
    for (Button button : buttons) {
      HBox.setHgrow(button, Priority.ALWAYS);
    }
    return new HBox(8, buttons);
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
