package toystore.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.config.Replication;
import toystore.gui.LogTable.Cell;
import toystore.gui.LogTable.Row;

/**
 * The Replication tab: every replica's log side by side ({@link LogTable}, newest first), a column
 * per replica headed by its epoch ("term" in raft mode), commit number, lag behind the leader and
 * state ({@link ReplicaSummary}). A cell's colour is its entry's epoch; an uncommitted entry is
 * dashed, a missing one a dash, and a red line sits on top of each replica's commit number. Only
 * {@link LogWindow#SIZE} entries are shown and fetched ({@link LogPoller}); Older / Newer / Latest
 * page through the rest.
 */
final class ReplicationView {
  private static final int EPOCH_COLOURS = 8;
  /** The logs' share of the tab's height when a panel sits below them. */
  private static final double LOGS_SHARE = 0.64;
  /** Rows shown above the first uncommitted entry when jumping to it: the newer entries it lost to. */
  private static final long ROWS_ABOVE_TARGET = 2;
  /** The column headings and a few entries. */
  private static final double LOGS_MIN_HEIGHT = 140;

  private final LogPoller poller;
  private final TableView<Row> table = new TableView<>();
  private final Label range = new Label("waiting for the replicas' logs…");
  private final Button older = new Button("◀ Older");
  private final Button newer = new Button("Newer ▶");
  private final Button latest = new Button("Latest");
  private final Button uncommitted = new Button("First uncommitted");
  private final VBox root;
  private final List<ReplicaHeader> headers = new ArrayList<>();
  private List<ServiceView> replicas = List.of();
  private List<ReplicaLog> logs = List.of();
  private LogWindow window = LogWindow.latest();
  private Replication engine;
  /** The entry to scroll to the top once the window it is in arrives, or null. */
  private Long scrollTarget;

  ReplicationView(Backend backend) {
    this.poller = new LogPoller(backend, this::showLogs);
    table.setId("replicationTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    table.setPlaceholder(new Label(backend.hasAgent()
        ? "no entries yet"
        : "The replicas' logs are read through the chaos agent: start the dashboard with its admin token."));
    VBox.setVgrow(table, Priority.ALWAYS);
    range.setId("replicationRange");
    range.getStyleClass().add("muted");
    older.setId("logOlder");
    newer.setId("logNewer");
    latest.setId("logLatest");
    older.setOnAction(e -> move(window.older(poller.highestSeen())));
    newer.setOnAction(e -> move(window.newer(poller.highestSeen())));
    latest.setOnAction(e -> move(LogWindow.latest()));
    uncommitted.setId("logUncommitted");
    uncommitted.setTooltip(new Tooltip("Shows the lowest entry a replica holds above its commit number, such as an old leader's tail"));
    uncommitted.setOnAction(e -> LogTable.firstUncommitted(logs).ifPresent(number -> {
      move(LogWindow.around(number, poller.highestSeen()));
      scrollTarget = Math.min(number + ROWS_ABOVE_TARGET, poller.highestSeen());
    }));
    Label legend = new Label("colour: epoch · dashed: uncommitted · –: lacks the entry · red line: commit number");
    legend.getStyleClass().add("muted");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    for (Button button : List.of(uncommitted, older, newer, latest)) {
      button.setMinWidth(Region.USE_PREF_SIZE);
    }
    HBox controls = new HBox(8, range, spacer, uncommitted, older, newer, latest);
    controls.setAlignment(Pos.CENTER_LEFT);
    root = new VBox(6, controls, legend, table);
    root.getStyleClass().add("replication");
    showPaging();
  }

  Node node() {
    return root;
  }

  void start() {
    poller.start();
  }

  /** Adds a panel under the logs (the Protocol panel). */
  void addBelow(Node panel) {
    // A split, so a person can give the logs or the panel more room; the logs start with most of it.
    table.setMinHeight(LOGS_MIN_HEIGHT);
    SplitPane split = new SplitPane(table, panel);
    split.setOrientation(Orientation.VERTICAL);
    split.setDividerPositions(LOGS_SHARE);
    VBox.setVgrow(split, Priority.ALWAYS);
    root.getChildren().set(root.getChildren().indexOf(table), split);
  }

  /** Whether its tab is selected: the logs are read only then. */
  void showing(boolean selected) {
    poller.showing(selected);
  }

  /** Each status poll: which replicas there are and their epoch, state and role. */
  void update(ClusterState state) {
    engine = state.replication().orElse(engine);
    List<ServiceView> now = state.replicaViews();
    List<String> names = now.stream().map(ServiceView::name).toList();
    if (!names.equals(replicas.stream().map(ServiceView::name).toList())) {
      rebuildColumns(names);
      poller.replicas(names);
    }
    replicas = now;
    showSummaries();
  }

  private void showLogs(LogWindow asked, List<ReplicaLog> read) {
    if (!asked.equals(window)) {
      return; // a page of a window the person has since left
    }
    logs = read.stream().filter(log -> headers.stream().anyMatch(h -> h.name.equals(log.name()))).toList();
    if (logs.size() != headers.size()) {
      return; // the replicas changed meanwhile; the next poll reads them all
    }
    List<Row> rows = LogTable.rows(logs, window);
    if (!rows.equals(table.getItems())) {
      table.getItems().setAll(rows);
    }
    if (scrollTarget != null) {
      long target = scrollTarget;
      rows.stream().filter(row -> row.number() == target).findFirst().ifPresent(row -> {
        table.scrollTo(row);
        scrollTarget = null;
      });
    }
    long highest = LogTable.highest(logs);
    range.setText(rows.isEmpty() ? "no entries yet"
        : String.format(Locale.ROOT, "entries #%d–#%d of %d%s", rows.get(rows.size() - 1).number(),
            rows.get(0).number(), highest, window.following() ? " (following)" : ""));
    showSummaries();
    showPaging();
  }

  private void move(LogWindow moved) {
    scrollTarget = null;
    window = moved;
    poller.window(moved);
    showPaging();
  }

  private void showPaging() {
    long highest = poller.highestSeen();
    uncommitted.setDisable(LogTable.firstUncommitted(logs).isEmpty());
    older.setDisable(window.bottom(highest) <= 1);
    newer.setDisable(window.following());
    latest.setDisable(window.following());
  }

  private void rebuildColumns(List<String> names) {
    headers.clear();
    List<TableColumn<Row, ?>> columns = new ArrayList<>();
    TableColumn<Row, Long> number = new TableColumn<>("#");
    number.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().number()));
    number.setMinWidth(60);
    number.setMaxWidth(80);
    number.setSortable(false);
    columns.add(number);
    for (int i = 0; i < names.size(); i++) {
      ReplicaHeader header = new ReplicaHeader(names.get(i));
      headers.add(header);
      int index = i;
      TableColumn<Row, Cell> column = new TableColumn<>();
      column.setId("logColumn-" + header.name);
      column.setGraphic(header.box);
      column.setSortable(false);
      column.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(
          index < row.getValue().cells().size() ? row.getValue().cells().get(index) : null));
      column.setCellFactory(c -> new EntryCell());
      columns.add(column);
    }
    table.getColumns().setAll(columns);
    table.getItems().clear();
    logs = List.of();
  }

  private void showSummaries() {
    List<ReplicaSummary> lines = ReplicaSummary.of(replicas, logs);
    for (ReplicaSummary line : lines) {
      headers.stream().filter(h -> h.name.equals(line.name())).findFirst()
          .ifPresent(header -> header.show(line, epochKey()));
    }
  }

  /** The epoch is the Raft term in raft mode (docs/API.md §5). */
  private String epochKey() {
    return engine == Replication.RAFT ? "term" : "epoch";
  }

  static String epochClass(long epoch) {
    return "epoch-" + Math.floorMod(epoch, EPOCH_COLOURS);
  }

  /** A column's heading: the replica's name and role, epoch or term, commit number, lag and state. */
  private static final class ReplicaHeader {
    final String name;
    final VBox box = new VBox(2);
    final Label title = new Label();
    final Label epoch = new Label("–");
    final Label commit = new Label("–");
    final Label lag = new Label("–");
    final Label state = new Label("–");

    ReplicaHeader(String name) {
      this.name = name;
      title.setText(name);
      title.getStyleClass().add("log-title");
      epoch.setId("replEpoch-" + name);
      commit.setId("replCommit-" + name);
      lag.setId("replLag-" + name);
      state.setId("replState-" + name);
      state.getStyleClass().add("log-state");
      // Three lines, not five: the logs below keep the room.
      HBox position = new HBox(8, epoch, commit);
      HBox standing = new HBox(8, lag, state);
      position.setAlignment(Pos.CENTER);
      standing.setAlignment(Pos.CENTER);
      box.getChildren().addAll(title, position, standing);
      box.setAlignment(Pos.CENTER);
    }

    void show(ReplicaSummary line, String epochKey) {
      title.setText(line.role() == null ? name : name + " · " + line.role());
      epoch.setText(epochKey + " " + (line.epoch() == null ? "–" : line.epoch()));
      commit.setText("commit " + (line.commitNumber() == null ? "–" : line.commitNumber()));
      lag.setText("lag " + (line.lag() == null ? "–" : line.lag()));
      state.setText(line.stateText());
      Styles.showHealth(state, line.health());
      Styles.toggle(state, "paused", line.paused());
      Styles.toggle(state, "isolated", line.isolated());
      if (line.epoch() != null) {
        List<String> classes = new ArrayList<>(epoch.getStyleClass());
        classes.removeIf(c -> c.startsWith("epoch-"));
        classes.add(epochClass(line.epoch()));
        epoch.getStyleClass().setAll(classes);
      }
    }
  }

  /** One replica's entry: toy × quantity and its epoch, coloured by epoch and marked as {@link LogTable.Mark}. */
  private final class EntryCell extends TableCell<Row, Cell> {
    private final List<String> marks = List.of("committed", "uncommitted", "missing", "unknown", "commit-line");

    @Override
    protected void updateItem(Cell cell, boolean empty) {
      super.updateItem(cell, empty);
      getStyleClass().removeIf(c -> marks.contains(c) || c.startsWith("epoch-"));
      if (empty || cell == null) {
        setText(null);
        return;
      }
      if (!getStyleClass().contains("log-cell")) {
        getStyleClass().add("log-cell");
      }
      getStyleClass().add(cell.mark().name().toLowerCase(Locale.ROOT));
      if (cell.commitLine()) {
        getStyleClass().add("commit-line");
      }
      if (cell.held()) {
        getStyleClass().add(epochClass(cell.epoch()));
        setText(cell.quantity() + " × " + cell.toy() + "   " + epochKey() + " " + cell.epoch());
      } else {
        setText(cell.mark() == LogTable.Mark.MISSING ? "–" : "?");
      }
    }
  }
}
