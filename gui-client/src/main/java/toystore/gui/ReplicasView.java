package toystore.gui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import toystore.config.Replication;

/**
 * The cards: every order replica, then the catalog and every frontend, refreshed on every poll. They
 * share a row while each can be {@link #CARD_MIN_WIDTH} wide and wrap onto more rows when not (two
 * frontends, a narrow window); the cards of a row are equally wide and equally high.
 */
final class ReplicasView {
  static final double CARD_MIN_WIDTH = 200;
  private static final double GAP = 12;

  private final String frontendUrl;
  private final ChaosActions chaos;
  private final GridPane cards = new GridPane();
  private final VBox root;
  private final Map<String, ServiceCard> byName = new LinkedHashMap<>();
  private int columns;

  ReplicasView(String frontendUrl, ChaosActions chaos) {
    this.frontendUrl = frontendUrl;
    this.chaos = chaos;
    Label title = new Label("Services");
    title.getStyleClass().add("section-title");
    Label waiting = new Label("waiting for the first status…");
    waiting.getStyleClass().add("muted");
    cards.add(waiting, 0, 0);
    cards.setId("cards");
    cards.setHgap(GAP);
    cards.setVgap(GAP);
    // Its width is the window's, never the cards' sum: arrange() wraps them to fit it.
    cards.setMinWidth(0);
    cards.widthProperty().addListener((property, before, width) -> arrange());
    root = new VBox(8, title, cards);
    root.getStyleClass().add("services");
  }

  Node node() {
    return root;
  }

  void update(ClusterState state) {
    List<ServiceView> views = state.views(frontendUrl);
    Replication engine = state.replication().orElse(null);
    boolean added = false;
    for (ServiceView view : views) {
      ServiceCard card = byName.get(view.name());
      if (card == null) {
        byName.put(view.name(), new ServiceCard(view, engine, chaos));
        added = true;
      } else {
        card.update(view, engine);
      }
    }
    if (added) {
      cards.getChildren().setAll(views.stream().map(view -> byName.get(view.name()).node()).toList());
      columns = 0;
      arrange();
    }
  }

  /** As many equal columns as fit at the minimum card width (all cards on one row if they fit). */
  private void arrange() {
    List<Node> nodes = cards.getChildren();
    if (byName.isEmpty() || nodes.isEmpty()) {
      return;
    }
    double width = cards.getWidth();
    int fit = width <= 0 ? nodes.size() : (int) Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP));
    int wanted = Math.max(1, Math.min(nodes.size(), fit));
    if (wanted == columns) {
      return;
    }
    columns = wanted;
    cards.getColumnConstraints().setAll(IntStream.range(0, columns).mapToObj(i -> column(100.0 / wanted)).toList());
    for (int i = 0; i < nodes.size(); i++) {
      GridPane.setConstraints(nodes.get(i), i % columns, i / columns);
    }
  }

  private static ColumnConstraints column(double percent) {
    ColumnConstraints column = new ColumnConstraints();
    column.setPercentWidth(percent);
    return column;
  }
}
