package toystore.gui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.gui.ServiceView.Kind;

/**
 * One service as a card: name, address, health, and for an order replica its role, last order and
 * whether its digest agrees. The leader's card carries the {@code leader} style class and badge.
 * Kill and Restart act on this one service.
 */
final class ServiceCard {
  private final String name;
  private final VBox root = new VBox(6);
  private final Label title = new Label();
  private final GridPane facts = new GridPane();
  private final Label role = new Label();
  private final Label address = new Label();
  private final Label health = new Label();
  private final Label lastOrder = new Label("–");
  private final Label digest = new Label("–");
  private final Label agreement = new Label();
  private final Label pid = new Label("–");
  private final Button kill = new Button("Kill");
  private final Button restart = new Button("Restart");

  ServiceCard(ServiceView first, ChaosActions chaos) {
    this.name = first.name();
    root.setId("card-" + name);
    root.getStyleClass().addAll("card", first.kind().name().toLowerCase());

    title.setText(name);
    title.getStyleClass().add("card-title");
    role.setId("role-" + name);
    role.getStyleClass().add("role-badge");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox top = new HBox(6, title, spacer, role);
    top.setAlignment(Pos.CENTER_LEFT);

    address.getStyleClass().add("muted");
    health.setId("health-" + name);
    health.getStyleClass().add("state-pill");

    facts.getStyleClass().add("facts");
    facts.setHgap(8);
    facts.setVgap(2);
    int row = 0;
    if (first.kind() == Kind.ORDER) {
      lastOrder.setId("lastOrder-" + name);
      facts.addRow(row++, key("last order"), lastOrder);
      digest.getStyleClass().add("mono");
      agreement.setId("digest-" + name);
      agreement.getStyleClass().add("agreement");
      facts.addRow(row++, key("digest"), new HBox(4, digest, agreement));
    }
    facts.addRow(row, key("pid"), pid);

    kill.getStyleClass().addAll("small", "danger");
    restart.getStyleClass().add("small");
    kill.setId("kill-" + name);
    restart.setId("restart-" + name);
    HBox buttons = new HBox(6, kill, restart);
    Region grow = new Region();
    VBox.setVgrow(grow, Priority.ALWAYS);
    root.getChildren().addAll(top, address, health, facts, grow, buttons);

    if (chaos.available()) {
      kill.setOnAction(e -> {
        setBusy(true);
        chaos.kill(name, () -> setBusy(false));
      });
      restart.setOnAction(e -> {
        setBusy(true);
        chaos.restart(name, () -> setBusy(false));
      });
    } else {
      buttons.setVisible(false);
      buttons.setManaged(false);
    }
    update(first);
  }

  Node node() {
    return root;
  }

  void update(ServiceView view) {
    address.setText(view.url() == null ? "address unknown" : view.url().replaceFirst("^https?://", ""));
    health.setText(view.health().name());
    Styles.showHealth(health, view.health());
    Styles.showHealth(root, view.health());
    // Each node carries its own classes: with descendant selectors (.card.down .card-title) a card
    // that started DOWN kept its red title after coming UP.
    Styles.toggle(root, "leader", view.isLeader());
    Styles.showHealth(title, view.health());
    Styles.toggle(role, "leader-badge", view.isLeader());
    Styles.toggle(facts, "dim", view.health() == ServiceView.Health.DOWN);
    pid.setText(view.pid() == null ? "–" : Long.toString(view.pid()));
    if (view.kind() == Kind.ORDER) {
      role.setText(view.isLeader() ? "★ LEADER" : view.role() == null ? "" : view.role());
      role.setVisible(!role.getText().isEmpty());
      lastOrder.setText(view.lastOrder() == null ? "–" : Long.toString(view.lastOrder()));
      digest.setText(view.digest() == null ? "–" : shortDigest(view.digest()));
      switch (view.agreement()) {
        case AGREES -> agreement.setText("✓");
        case IN_FLIGHT -> agreement.setText("Δ " + view.ordersApart());
        case DIFFERS -> agreement.setText("✗");
        case UNKNOWN -> agreement.setText("");
      }
      Styles.toggle(agreement, "agrees", view.agreement() == ServiceView.Agreement.AGREES);
      Styles.toggle(agreement, "in-flight", view.agreement() == ServiceView.Agreement.IN_FLIGHT);
      Styles.toggle(agreement, "differs", view.agreement() == ServiceView.Agreement.DIFFERS);
    } else {
      role.setText(view.kind() == Kind.CATALOG ? "CATALOG" : "FRONTEND");
    }
  }

  private void setBusy(boolean busy) {
    kill.setDisable(busy);
    restart.setDisable(busy);
  }

  private static String shortDigest(String digest) {
    return digest.length() <= 10 ? digest : digest.substring(0, 10);
  }

  private static Label key(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("muted");
    return label;
  }
}
