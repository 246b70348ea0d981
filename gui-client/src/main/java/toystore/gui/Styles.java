package toystore.gui;

import java.util.List;
import javafx.scene.Node;
import toystore.gui.ServiceView.Health;

/** The style-class vocabulary shared by the views and dashboard.css. */
final class Styles {
  private static final List<String> HEALTH_CLASSES = List.of("up", "syncing", "down", "unknown");

  private Styles() {}

  static String healthClass(Health health) {
    return health.name().toLowerCase();
  }

  /** Sets exactly one of up / syncing / down / unknown on {@code node}. */
  static void showHealth(Node node, Health health) {
    node.getStyleClass().removeAll(HEALTH_CLASSES);
    node.getStyleClass().add(healthClass(health));
  }

  /** Adds or removes one style class. */
  static void toggle(Node node, String styleClass, boolean on) {
    if (on) {
      if (!node.getStyleClass().contains(styleClass)) {
        node.getStyleClass().add(styleClass);
      }
    } else {
      node.getStyleClass().removeAll(styleClass);
    }
  }
}
