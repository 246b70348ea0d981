package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.model.Role;
import toystore.supervisor.Cluster;
import toystore.supervisor.Supervisor;
import toystore.wire.order.ProtocolMessage.Direction;
import toystore.wire.order.ProtocolMessage.Kind;

/**
 * The Replication tab's Protocol panel against a real lab store (child JVMs on ports 22580-22585):
 * heartbeats per second show on the leader and its followers while the store is idle, and after
 * the leader is killed the new leader's view change is listed with its steps and written to the
 * timeline as one LEADER line.
 */
class ProtocolPanelTest {
  private static final int PORT_BASE = 22580;

  @TempDir static Path dataDir;
  private static RealStoreDashboard ui;

  @BeforeAll
  static void start() throws Exception {
    ui = RealStoreDashboard.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir));
    ui.open(address -> new Dashboard(address, 7));
    ui.waitUntil(() -> ui.leaderCard() != null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (ui != null) {
      ui.close();
    }
  }

  @Test
  void heartbeatsShowPerSecondAndANewLeadersViewChangeIsListedAndOnTheTimeline() throws Exception {
    ui.openTab("Replication");
    String leader = ui.cluster().supervisor().awaitLeader();
    String follower = replicaNames().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();

    ui.waitUntil(() -> rate(leader, Kind.HEARTBEAT, Direction.SENT) > 0
        && rate(follower, Kind.HEARTBEAT, Direction.RECEIVED) > 0);

    ui.cluster().supervisor().kill(leader);
    ui.waitUntil(() -> ui.cluster().supervisor().leaderName().filter(n -> !n.equals(leader)).isPresent());
    Supervisor.ReplicaState next = ui.cluster().supervisor().replicas().stream()
        .filter(r -> r.health() != null && r.health().role() == Role.LEADER && !r.name().equals(leader))
        .findFirst().orElseThrow();
    String line = "epoch " + next.health().epoch() + ": " + next.name() + " leads after ";

    ui.waitUntil(() -> viewChanges().stream().anyMatch(item -> item.contains(line)));
    String listed = viewChanges().stream().filter(item -> item.contains(line)).findFirst().orElseThrow();
    assertThat(listed).contains("joins ", "first commit ", "joined ", "marked ", "committed ");
    ui.waitUntil(() -> ui.fx(() -> ui.scene().lookup("#timeline") instanceof ListView<?> timeline
        && timeline.getItems().stream().anyMatch(e -> e instanceof TimelineEvent event
            && event.kind() == TimelineEvent.Kind.LEADER && event.text().startsWith(line))));
  }

  private static List<String> replicaNames() {
    return ui.cluster().supervisor().replicas().stream().map(Supervisor.ReplicaState::name).toList();
  }

  /** The panel's messages per second for this replica, kind and direction; 0 while it shows none. */
  private static double rate(String replica, Kind kind, Direction direction) throws Exception {
    String text = ui.fx(() -> {
      Node node = ui.scene().lookup("#" + ProtocolView.cellId(replica, kind, direction));
      return node == null ? "" : ((Label) node).getText();
    });
    return text.matches("[0-9.]+") ? Double.parseDouble(text) : 0;
  }

  private static List<String> viewChanges() throws Exception {
    return ui.fx(() -> {
      @SuppressWarnings("unchecked")
      ListView<String> list = (ListView<String>) ui.scene().lookup("#viewChanges");
      return List.copyOf(list.getItems());
    });
  }
}
