package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;
import toystore.connect.StoreAddress;
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
  private static final long WAIT_SECONDS = 60;

  @TempDir static Path dataDir;
  private static Cluster cluster;
  private static Dashboard dashboard;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir), line -> {});
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> {
      dashboard = new Dashboard(new StoreAddress(cluster.frontendUrl(), cluster.agentUrl(), cluster.adminToken()), 7);
      dashboard.show(stage);
    });
    waitUntil(() -> fx(() -> dashboard.scene().lookup(".card.leader") != null));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (dashboard != null) {
        FxToolkit.cleanupStages();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void heartbeatsShowPerSecondAndANewLeadersViewChangeIsListedAndOnTheTimeline() throws Exception {
    robot.clickOn(robot.lookup(".tab-label").match(LabeledMatchers.hasText("Replication")).queryAs(Node.class));
    String leader = cluster.supervisor().awaitLeader();
    String follower = replicaNames().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();

    waitUntil(() -> rate(leader, Kind.HEARTBEAT, Direction.SENT) > 0
        && rate(follower, Kind.HEARTBEAT, Direction.RECEIVED) > 0);

    cluster.supervisor().kill(leader);
    waitUntil(() -> cluster.supervisor().leaderName().filter(n -> !n.equals(leader)).isPresent());
    Supervisor.ReplicaState next = cluster.supervisor().replicas().stream()
        .filter(r -> r.health() != null && r.health().role() == Role.LEADER && !r.name().equals(leader))
        .findFirst().orElseThrow();
    String line = "epoch " + next.health().epoch() + ": " + next.name() + " leads after ";

    waitUntil(() -> viewChanges().stream().anyMatch(item -> item.contains(line)));
    String listed = viewChanges().stream().filter(item -> item.contains(line)).findFirst().orElseThrow();
    assertThat(listed).contains("joins ", "first commit ", "joined ", "marked ", "committed ");
    waitUntil(() -> fx(() -> dashboard.scene().lookup("#timeline") instanceof ListView<?> timeline
        && timeline.getItems().stream().anyMatch(e -> e instanceof TimelineEvent event
            && event.kind() == TimelineEvent.Kind.LEADER && event.text().startsWith(line))));
  }

  private static List<String> replicaNames() {
    return cluster.supervisor().replicas().stream().map(Supervisor.ReplicaState::name).toList();
  }

  /** The panel's messages per second for this replica, kind and direction; 0 while it shows none. */
  private static double rate(String replica, Kind kind, Direction direction) throws Exception {
    String text = fx(() -> {
      Node node = dashboard.scene().lookup("#" + ProtocolView.cellId(replica, kind, direction));
      return node == null ? "" : ((Label) node).getText();
    });
    return text.matches("[0-9.]+") ? Double.parseDouble(text) : 0;
  }

  private static List<String> viewChanges() throws Exception {
    return fx(() -> {
      @SuppressWarnings("unchecked")
      ListView<String> list = (ListView<String>) dashboard.scene().lookup("#viewChanges");
      return List.copyOf(list.getItems());
    });
  }

  private static <T> T fx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Condition condition) throws Exception {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::holds);
  }
}
