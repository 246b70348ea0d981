package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import toystore.chaos.PartitionSupport;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.connect.StoreAddress;
import toystore.model.DiskState;
import toystore.model.ServiceInfo;
import toystore.supervisor.Cluster;

/**
 * The fault controls against a real lab store (child JVMs on ports 22600-22605): killing the catalog
 * asks first and Cancel kills nothing; Ctrl+P, Ctrl+H and Ctrl+K pause the leader, heal and kill the
 * leader, and typing in the Shop does not; a replica whose data directory is a tmpfs of its own (as
 * root) gets Disk full / Free disk on its card. Writes the chaos panel's picture to
 * {@code target/screenshots/chaos-panel.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultControlsTest {
  private static final int PORT_BASE = 22600;
  private static final long WAIT_SECONDS = 60;

  @TempDir static Path dataDir;
  private static Path order1Disk;
  private static Cluster cluster;
  private static AgentClient agent;
  private static Dashboard dashboard;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    order1Disk = mountTmpfsAsRoot(dataDir.resolve("order-1"));
    cluster = Cluster.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir), line -> {});
    agent = new AgentClient(JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(30)), cluster.agentUrl(),
        cluster.adminToken());
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(stage -> {
      dashboard = new Dashboard(new StoreAddress(cluster.frontendUrl(), cluster.agentUrl(), cluster.adminToken()), 7);
      dashboard.show(stage);
    });
    waitUntil(() -> leaderCard() != null);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (dashboard != null) {
        FxToolkit.cleanupStages();
      }
    } finally {
      try {
        if (cluster != null) {
          cluster.close();
        }
      } finally {
        if (order1Disk != null) {
          unmount(order1Disk);
        }
      }
    }
  }

  @Test
  @Order(1)
  void killingTheCatalogAsksFirstAndCancellingKillsNothing() throws Exception {
    long pid = service("catalog").pid();

    robot.clickOn("#kill-catalog");

    waitUntil(() -> robot.lookup("#" + KillConfirmation.DIALOG_ID).tryQuery().isPresent());
    assertThat(robot.lookup("#confirmKill").tryQuery()).isPresent();
    robot.clickOn("#cancelKill");

    waitUntil(() -> robot.lookup("#" + KillConfirmation.DIALOG_ID).tryQuery().isEmpty());
    // A later action's line as the sync point: a kill started wrongly would have landed by then too.
    robot.clickOn("#resumePausedButton");
    waitUntil(() -> timeline().contains("Nothing was paused"));
    assertThat(service("catalog").alive()).isTrue();
    assertThat(service("catalog").pid()).isEqualTo(pid);
    assertThat(timeline()).noneMatch(line -> line.contains("catalog"));
    assertThat(fx(() -> dashboard.scene().lookup("#kill-catalog").isDisabled())).isFalse();
  }

  @Test
  @Order(2)
  void aReplicaWithADiskOfItsOwnCanBeFilledAndFreedFromItsCard() throws Exception {
    assumeTrue(order1Disk != null, "skipped: mounting a tmpfs on a replica's data directory needs root");
    waitUntil(() -> visible("#diskFull-order-1"));
    assertThat(visible("#diskFull-order-2")).as("order-2's data directory shares the disk").isFalse();

    robot.clickOn("#diskFull-order-1");

    waitUntil(() -> visible("#diskFullBadge-order-1") && visible("#freeDisk-order-1"));
    assertThat(service("order-1").disk()).isEqualTo(DiskState.FULL);
    assertThat(timeline()).contains("Filled order-1's disk");

    robot.clickOn("#freeDisk-order-1");

    waitUntil(() -> !visible("#diskFullBadge-order-1") && visible("#diskFull-order-1"));
    assertThat(service("order-1").disk()).isEqualTo(DiskState.FREE);
  }

  @Test
  @Order(3)
  void theChaosPanelIsPictured() throws Exception {
    Path file = Path.of("target", "screenshots", "chaos-panel.png");
    WaitForAsyncUtils.asyncFx(() -> {
      Png.write(dashboard.scene().lookup(".chaos").snapshot(null, null), file);
      Png.write(dashboard.scene().snapshot(null), file.resolveSibling("dashboard-fault-controls.png"));
      return null;
    }).get(30, TimeUnit.SECONDS);
    assertThat(Files.size(file)).isPositive();
  }

  @Test
  @Order(4)
  void ctrlPPausesTheLeaderButTypingInTheShopDoesNot() throws Exception {
    String leader = leaderCard();
    int before = timeline().size();
    fx(() -> {
      ((TextField) dashboard.scene().lookup("#quantityField")).clear();
      return null;
    });
    robot.clickOn("#quantityField").write("kph");
    assertThat(timeline()).hasSize(before);
    assertThat(agent.services()).noneMatch(ServiceInfo::paused);

    robot.push(KeyCode.CONTROL, KeyCode.P);

    waitUntil(() -> service(leader).paused());
    waitUntil(() -> timeline().contains("Paused the leader, " + leader + " (SIGSTOP)"));

    robot.clickOn("#resumePausedButton");

    waitUntil(() -> agent.services().stream().noneMatch(ServiceInfo::paused));
    waitUntil(() -> timeline().contains("Resumed " + leader));
    // By now a shortcut the typing set off wrongly would have landed: Ctrl+P paused once, nothing killed or healed.
    List<String> since = linesSince(before);
    assertThat(since).filteredOn(line -> line.startsWith("Pause")).containsExactly("Paused the leader, " + leader + " (SIGSTOP)");
    assertThat(since).noneMatch(line -> line.startsWith("Kill") || line.startsWith("Heal"));
  }

  @Test
  @Order(5)
  void ctrlHHealsThePartitionsEvenFromAShopField() throws Exception {
    Optional<String> refusal = PartitionSupport.refusal(agent);
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    waitUntil(() -> leaderCard() != null);
    agent.isolateLeader();
    assertThat(agent.partitions()).hasSize(1);
    robot.clickOn("#quantityField");

    robot.push(KeyCode.CONTROL, KeyCode.H);

    waitUntil(() -> agent.partitions().isEmpty());
    waitUntil(() -> timeline().contains("Healed every partition"));
  }

  @Test
  @Order(6)
  void ctrlKKillsTheLeader() throws Exception {
    waitUntil(() -> leaderCard() != null && agent.services().stream().allMatch(ServiceInfo::alive));
    String leader = leaderCard();

    robot.push(KeyCode.CONTROL, KeyCode.K);

    waitUntil(() -> !service(leader).alive());
    waitUntil(() -> timeline().contains("Killed the leader, " + leader));
  }

  /** A 4 MiB tmpfs on {@code dir} when running as root (the disk-full controls need one); null otherwise. */
  private static Path mountTmpfsAsRoot(Path dir) throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      return null;
    }
    Files.createDirectories(dir);
    run("mount", "-t", "tmpfs", "-o", "size=" + (4 << 20), "tmpfs", dir.toString());
    return dir;
  }

  /** Unmounts {@code dir}, lazily (detached now, freed once unused) if a plain umount fails, so nothing stays mounted. */
  private static void unmount(Path dir) throws IOException, InterruptedException {
    boolean unmounted = false;
    try {
      run("umount", dir.toString());
      unmounted = true;
    } finally {
      if (!unmounted) {
        run("umount", "-l", dir.toString());
      }
    }
  }

  /** Runs {@code command}, at most 20 s; its output goes to a file, so a chatty one cannot block it. */
  private static void run(String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("fault-controls-", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 20 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
            + Files.readString(output).strip());
      }
    } finally {
      Files.delete(output);
    }
  }

  private static ServiceInfo service(String name) throws IOException {
    return agent.services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static boolean visible(String selector) throws Exception {
    return fx(() -> {
      Node node = dashboard.scene().lookup(selector);
      return node != null && node.isVisible();
    });
  }

  /** The name on the card that carries the leader style, or null. */
  private static String leaderCard() throws Exception {
    return fx(() -> {
      Node card = dashboard.scene().lookup(".card.leader");
      return card == null ? null : card.getId().substring("card-".length());
    });
  }

  /** The lines added since the timeline had {@code before} (it lists the newest first). */
  private static List<String> linesSince(int before) throws Exception {
    List<String> lines = timeline();
    return lines.subList(0, lines.size() - before);
  }

  private static List<String> timeline() throws Exception {
    return fx(() -> {
      ListView<?> events = (ListView<?>) dashboard.scene().lookup("#timeline");
      return events.getItems().stream().map(event -> ((TimelineEvent) event).text()).toList();
    });
  }

  static String text(String selector) throws Exception {
    return fx(() -> ((Label) dashboard.scene().lookup(selector)).getText());
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
