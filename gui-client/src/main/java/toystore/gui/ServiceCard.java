package toystore.gui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.config.Replication;
import toystore.gui.ServiceView.Kind;
import toystore.model.DiskState;

/**
 * One service as a card: name, address, health, and for an order replica its role, last order, epoch
 * ("term" in raft mode, where the epoch is the Raft term) and whether its digest agrees. The leader's card carries the {@code leader} style class and badge; a
 * frozen service the {@code paused} class and a PAUSED badge; a replica a partition cuts off the
 * {@code isolated} class and an ISOLATED badge. Kill, Restart and Pause (Resume while paused) act
 * on this one service; killing the catalog or a frontend asks first ({@link KillConfirmation}). A
 * replica whose disk the agent can fill also has Disk full (Free disk and a DISK FULL badge while full).
 */
final class ServiceCard {
  private final String name;
  private final VBox root = new VBox(6);
  private final Label title = new Label();
  private final GridPane facts = new GridPane();
  private final Label role = new Label();
  private final Label address = new Label();
  private final Label health = new Label();
  private final Label paused = badge("PAUSED", "paused-badge");
  private final Label isolated = badge("ISOLATED", "isolated-badge");
  private final Label lastOrder = new Label("–");
  private final Label epochKey = key("epoch");
  private final Label epoch = new Label("–");
  private final Label digest = new Label("–");
  private final Label agreement = new Label();
  private final Label pid = new Label("–");
  private final Button kill = new Button("Kill");
  private final Button restart = new Button("Restart");
  private final Button pause = new Button("Pause");
  private final Button resume = new Button("Resume");
  private final Button diskFull = new Button("Disk full");
  private final Button freeDisk = new Button("Free disk");
  private final Label diskBadge = badge("DISK FULL", "disk-full-badge");

  ServiceCard(ServiceView first, Replication engine, ChaosActions chaos) {
    this.name = first.name();
    root.setId("card-" + name);
    root.getStyleClass().addAll("card", first.kind().name().toLowerCase());
    root.setMinWidth(ReplicasView.CARD_MIN_WIDTH);

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
    paused.setId("paused-" + name);
    isolated.setId("isolated-" + name);
    diskBadge.setId("diskFullBadge-" + name);
    HBox states = new HBox(6, health, paused, isolated, diskBadge);
    states.setAlignment(Pos.CENTER_LEFT);

    facts.getStyleClass().add("facts");
    facts.setHgap(8);
    facts.setVgap(2);
    int row = 0;
    if (first.kind() == Kind.ORDER) {
      lastOrder.setId("lastOrder-" + name);
      facts.addRow(row++, key("last order"), lastOrder);
      epochKey.setId("epochKey-" + name);
      epoch.setId("epoch-" + name);
      facts.addRow(row++, epochKey, epoch);
      digest.getStyleClass().add("mono");
      agreement.setId("digest-" + name);
      agreement.getStyleClass().add("agreement");
      facts.addRow(row++, key("digest"), new HBox(4, digest, agreement));
    }
    facts.addRow(row, key("pid"), pid);

    kill.getStyleClass().addAll("small", "danger");
    restart.getStyleClass().add("small");
    pause.getStyleClass().addAll("small", "freeze");
    resume.getStyleClass().addAll("small", "freeze");
    kill.setId("kill-" + name);
    restart.setId("restart-" + name);
    pause.setId("pause-" + name);
    resume.setId("resume-" + name);
    diskFull.getStyleClass().addAll("small", "disk");
    freeDisk.getStyleClass().addAll("small", "disk");
    diskFull.setId("diskFull-" + name);
    freeDisk.setId("freeDisk-" + name);
    diskFull.setTooltip(new Tooltip("Fills this replica's own filesystem with a ballast file until its writes fail"));
    freeDisk.setTooltip(new Tooltip("Deletes the ballast: its writes work again and it catches up"));
    HBox buttons = new HBox(6, kill, restart, pause, resume);
    HBox diskButtons = new HBox(6, diskFull, freeDisk);
    Region grow = new Region();
    VBox.setVgrow(grow, Priority.ALWAYS);
    root.getChildren().addAll(top, address, states, facts, grow, buttons, diskButtons);

    if (chaos.available()) {
      Kind kind = first.kind();
      kill.setOnAction(e -> {
        if (KillConfirmation.needed(kind)) {
          KillConfirmation.ask(root, name, kind, () -> act(() -> chaos.kill(name, this::idle)));
        } else {
          act(() -> chaos.kill(name, this::idle));
        }
      });
      restart.setOnAction(e -> act(() -> chaos.restart(name, this::idle)));
      pause.setOnAction(e -> act(() -> chaos.pause(name, this::idle)));
      resume.setOnAction(e -> act(() -> chaos.resume(name, this::idle)));
      diskFull.setOnAction(e -> act(() -> chaos.diskFull(name, this::idle)));
      freeDisk.setOnAction(e -> act(() -> chaos.freeDisk(name, this::idle)));
    } else {
      show(buttons, false);
      show(diskButtons, false);
    }
    update(first, engine);
  }

  Node node() {
    return root;
  }

  /** @param engine the store's replication engine, null while unknown: in raft mode the epoch is the Raft term */
  void update(ServiceView view, Replication engine) {
    address.setText(view.url() == null ? "address unknown" : view.url().replaceFirst("^https?://", ""));
    health.setText(view.health().name());
    Styles.showHealth(health, view.health());
    Styles.showHealth(root, view.health());
    // Each node carries its own classes: with descendant selectors (.card.down .card-title) a card
    // that started DOWN kept its red title after coming UP.
    Styles.toggle(root, "leader", view.isLeader());
    Styles.toggle(root, "paused", view.paused());
    Styles.toggle(root, "isolated", view.isolated());
    show(paused, view.paused());
    show(isolated, view.isolated());
    show(pause, !view.paused());
    show(resume, view.paused());
    // Only where the agent can fill this replica's disk (a filesystem of its own, docs/API.md §4).
    show(diskFull, view.disk() == DiskState.FREE);
    show(freeDisk, view.disk() == DiskState.FULL);
    show(diskBadge, view.disk() == DiskState.FULL);
    Styles.showHealth(title, view.health());
    Styles.toggle(role, "leader-badge", view.isLeader());
    Styles.toggle(facts, "dim", view.health() == ServiceView.Health.DOWN);
    pid.setText(view.pid() == null ? "–" : Long.toString(view.pid()));
    if (view.kind() == Kind.ORDER) {
      role.setText(view.isLeader() ? "★ LEADER" : view.role() == null ? "" : view.role().name());
      role.setVisible(!role.getText().isEmpty());
      lastOrder.setText(view.lastOrder() == null ? "–" : Long.toString(view.lastOrder()));
      epochKey.setText(engine == Replication.RAFT ? "term" : "epoch");
      epoch.setText(view.epoch() == null ? "–" : Long.toString(view.epoch()));
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

  /** Disables the card's buttons until the agent has answered. */
  private void act(Runnable action) {
    setBusy(true);
    action.run();
  }

  private void idle() {
    setBusy(false);
  }

  private void setBusy(boolean busy) {
    kill.setDisable(busy);
    restart.setDisable(busy);
    pause.setDisable(busy);
    resume.setDisable(busy);
    diskFull.setDisable(busy);
    freeDisk.setDisable(busy);
  }

  /** Shown and taking its room, or neither. */
  private static void show(Node node, boolean shown) {
    node.setVisible(shown);
    node.setManaged(shown);
  }

  private static String shortDigest(String digest) {
    return digest.length() <= 10 ? digest : digest.substring(0, 10);
  }

  private static Label badge(String text, String styleClass) {
    Label label = new Label(text);
    label.getStyleClass().addAll("fault-badge", styleClass);
    show(label, false);
    return label;
  }

  private static Label key(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("muted");
    return label;
  }
}
