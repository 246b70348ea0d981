package toystore.gui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A row of cards: every order replica, then the catalog and the frontend, refreshed on every poll. */
final class ReplicasView {
  private final String frontendUrl;
  private final ChaosActions chaos;
  private final HBox cards = new HBox(12);
  private final VBox root;
  private final Map<String, ServiceCard> byName = new LinkedHashMap<>();

  ReplicasView(String frontendUrl, ChaosActions chaos) {
    this.frontendUrl = frontendUrl;
    this.chaos = chaos;
    Label title = new Label("Services");
    title.getStyleClass().add("section-title");
    Label waiting = new Label("waiting for the first status…");
    waiting.getStyleClass().add("muted");
    cards.getChildren().add(waiting);
    cards.setId("cards");
    root = new VBox(8, title, cards);
    root.getStyleClass().add("services");
  }

  Node node() {
    return root;
  }

  void update(ClusterState state) {
    List<ServiceView> views = state.views(frontendUrl);
    boolean added = false;
    for (ServiceView view : views) {
      ServiceCard card = byName.get(view.name());
      if (card == null) {
        byName.put(view.name(), new ServiceCard(view, chaos));
        added = true;
      } else {
        card.update(view);
      }
    }
    if (added) {
      cards.getChildren().setAll(views.stream().map(view -> byName.get(view.name()).node()).toList());
      cards.getChildren().forEach(card -> HBox.setHgrow(card, Priority.ALWAYS));
    }
  }
}
