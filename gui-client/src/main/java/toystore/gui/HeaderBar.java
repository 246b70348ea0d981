package toystore.gui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.config.Replication;
import toystore.connect.StoreAddress;
import toystore.gui.ServiceView.Health;

/**
 * The top bar: the store's name, the replication engine it runs, and whether the dashboard can reach
 * the frontend and the agent.
 */
final class HeaderBar {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final Label frontend = pill("frontendPill");
  private final Label agent = pill("agentPill");
  private final Label leader = pill("leaderPill");
  private final Label engine = new Label("Replication …");
  private final Label updated = new Label("connecting…");
  private final Label problem = new Label();
  private final HBox root;
  private final boolean hasAgent;

  HeaderBar(StoreAddress address) {
    this.hasAgent = address.hasAgent();
    Label title = new Label("Toy Store");
    title.getStyleClass().add("app-title");
    Label subtitle = new Label("live dashboard · " + address.frontendUrl());
    subtitle.getStyleClass().add("app-subtitle");
    engine.setId("engineLabel");
    engine.getStyleClass().add("app-engine");
    VBox titles = new VBox(0, title, subtitle, engine);
    titles.setAlignment(Pos.CENTER_LEFT);

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    updated.getStyleClass().add("header-note");
    problem.getStyleClass().add("header-problem");
    problem.setId("connectionProblem");
    VBox notes = new VBox(2, updated, problem);
    notes.setAlignment(Pos.CENTER_RIGHT);

    root = new HBox(12, titles, spacer, notes, frontend, agent, leader);
    root.setAlignment(Pos.CENTER_LEFT);
    root.getStyleClass().add("header");
    frontend.setText("Frontend …");
    agent.setText(hasAgent ? "Agent …" : "Agent: not configured");
    Styles.showHealth(agent, Health.UNKNOWN);
    leader.setText("Leader …");
  }

  Node node() {
    return root;
  }

  void update(ClusterState state) {
    frontend.setText("Frontend " + (state.frontendReachable() ? "UP" : "DOWN"));
    Styles.showHealth(frontend, state.frontendReachable() ? Health.UP : Health.DOWN);
    if (hasAgent) {
      boolean agentUp = state.services() != null;
      agent.setText("Agent " + (agentUp ? "UP" : "DOWN"));
      Styles.showHealth(agent, agentUp ? Health.UP : Health.DOWN);
    }
    String leaderName = state.leader().map(ServiceView::name).orElse(null);
    leader.setText(leaderName == null ? "No leader" : "Leader " + leaderName);
    Styles.showHealth(leader, leaderName == null ? Health.DOWN : Health.UP);
    Styles.toggle(leader, "leader-pill", leaderName != null);
    state.replication().ifPresent(r -> engine.setText(engineText(r)));
    updated.setText("updated " + TIME.format(state.at()));
    String problems = join(state.statusProblem(), state.servicesProblem());
    problem.setText(problems);
  }

  /** Which engine replicates the orders and who picks the leader (docs/API.md §5 {@code --replication}). */
  static String engineText(Replication replication) {
    return switch (replication) {
      case LAB -> "Replication: lab — highest live id leads";
      case RAFT -> "Replication: Raft (Apache Ratis) — leader elected by Raft";
    };
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b == null ? "" : b;
    }
    return b == null ? a : a + " · " + b;
  }

  private static Label pill(String id) {
    Label label = new Label();
    label.setId(id);
    label.getStyleClass().add("pill");
    return label;
  }
}
