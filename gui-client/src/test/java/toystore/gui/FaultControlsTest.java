package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
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
import toystore.chaos.PartitionSupport;
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
  private static final String KILLED_THE_LEADER = "Killed the leader, ";

  @TempDir static Path dataDir;
  private static Path order1Disk;
  private static RealStoreDashboard ui;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    order1Disk = mountTmpfsAsRoot(dataDir.resolve("order-1"));
    ui = RealStoreDashboard.start(Cluster.Config.forTest(PORT_BASE, 3, dataDir));
    ui.open(address -> new Dashboard(address, 7));
    ui.waitUntil(() -> ui.leaderCard() != null);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (ui != null) {
        ui.close();
      }
    } finally {
      if (order1Disk != null) {
        unmount(order1Disk);
      }
    }
  }

  @Test
  @Order(1)
  void killingTheCatalogAsksFirstAndCancellingKillsNothing() throws Exception {
    long pid = service("catalog").pid();

    robot.clickOn("#kill-catalog");

    ui.waitUntil(() -> robot.lookup("#" + KillConfirmation.DIALOG_ID).tryQuery().isPresent());
    assertThat(robot.lookup("#confirmKill").tryQuery()).isPresent();
    robot.clickOn("#cancelKill");

    ui.waitUntil(() -> robot.lookup("#" + KillConfirmation.DIALOG_ID).tryQuery().isEmpty());
    // A later action's line as the sync point: a kill started wrongly would have landed by then too.
    robot.clickOn("#resumePausedButton");
    ui.waitUntil(() -> ui.timeline().contains("Nothing was paused"));
    assertThat(service("catalog").alive()).isTrue();
    assertThat(service("catalog").pid()).isEqualTo(pid);
    assertThat(ui.timeline()).noneMatch(line -> line.contains("catalog"));
    assertThat(ui.fx(() -> ui.scene().lookup("#kill-catalog").isDisabled())).isFalse();
  }

  @Test
  @Order(2)
  void aReplicaWithADiskOfItsOwnCanBeFilledAndFreedFromItsCard() throws Exception {
    assumeTrue(order1Disk != null, "skipped: mounting a tmpfs on a replica's data directory needs root");
    ui.waitUntil(() -> visible("#diskFull-order-1"));
    assertThat(visible("#diskFull-order-2")).as("order-2's data directory shares the disk").isFalse();

    robot.clickOn("#diskFull-order-1");

    ui.waitUntil(() -> visible("#diskFullBadge-order-1") && visible("#freeDisk-order-1"));
    assertThat(service("order-1").disk()).isEqualTo(DiskState.FULL);
    assertThat(ui.timeline()).contains("Filled order-1's disk");

    robot.clickOn("#freeDisk-order-1");

    ui.waitUntil(() -> !visible("#diskFullBadge-order-1") && visible("#diskFull-order-1"));
    assertThat(service("order-1").disk()).isEqualTo(DiskState.FREE);
  }

  @Test
  @Order(3)
  void theChaosPanelIsPictured() throws Exception {
    Path file = ui.picture("chaos-panel.png", ".chaos");
    ui.picture("dashboard-fault-controls.png");
    assertThat(Files.size(file)).isPositive();
  }

  @Test
  @Order(4)
  void ctrlPPausesTheLeaderButTypingInTheShopDoesNot() throws Exception {
    String leader = ui.leaderCard();
    int before = ui.timeline().size();
    ui.fx(() -> {
      ((TextField) ui.scene().lookup("#quantityField")).clear();
      return null;
    });
    robot.clickOn("#quantityField").write("kph");
    assertThat(ui.timeline()).hasSize(before);
    assertThat(ui.agent().services()).noneMatch(ServiceInfo::paused);

    robot.push(KeyCode.CONTROL, KeyCode.P);

    ui.waitUntil(() -> service(leader).paused());
    ui.waitUntil(() -> ui.timeline().contains("Paused the leader, " + leader + " (SIGSTOP)"));

    robot.clickOn("#resumePausedButton");

    ui.waitUntil(() -> ui.agent().services().stream().noneMatch(ServiceInfo::paused));
    ui.waitUntil(() -> ui.timeline().contains("Resumed " + leader));
    // By now a shortcut the typing set off wrongly would have landed: Ctrl+P paused once, nothing killed or healed.
    List<String> since = linesSince(before);
    assertThat(since).filteredOn(line -> line.startsWith("Pause")).containsExactly("Paused the leader, " + leader + " (SIGSTOP)");
    assertThat(since).noneMatch(line -> line.startsWith("Kill") || line.startsWith("Heal"));
  }

  @Test
  @Order(5)
  void ctrlHHealsThePartitionsEvenFromAShopField() throws Exception {
    Optional<String> refusal = PartitionSupport.refusal(ui.agent());
    assumeTrue(refusal.isEmpty(), () -> "skipped: the agent cannot make partitions here: " + refusal.orElse(""));
    ui.waitUntil(() -> ui.leaderCard() != null);
    ui.agent().isolateLeader();
    assertThat(ui.agent().partitions()).hasSize(1);
    robot.clickOn("#quantityField");

    robot.push(KeyCode.CONTROL, KeyCode.H);

    ui.waitUntil(() -> ui.agent().partitions().isEmpty());
    ui.waitUntil(() -> ui.timeline().contains("Healed every partition"));
  }

  @Test
  @Order(6)
  void ctrlKKillsTheLeader() throws Exception {
    ui.waitUntil(() -> ui.leaderCard() != null && ui.agent().services().stream().allMatch(ServiceInfo::alive));
    Set<String> claimants = leaderClaimants();

    robot.push(KeyCode.CONTROL, KeyCode.K);

    // The agent kills the replica that leads the newest epoch: after the pauses above, a card that
    // has not yet heard of the newer epoch may still say LEADER, so the timeline names the one killed.
    ui.waitUntil(() -> ui.timeline().stream().anyMatch(line -> line.startsWith(KILLED_THE_LEADER)));
    String killed = ui.timeline().stream().filter(line -> line.startsWith(KILLED_THE_LEADER)).findFirst()
        .orElseThrow().substring(KILLED_THE_LEADER.length());
    assertThat(claimants).contains(killed);
    ui.waitUntil(() -> !service(killed).alive());
  }

  /** The replicas whose card says LEADER now. */
  private Set<String> leaderClaimants() throws Exception {
    return ui.fx(() -> ui.scene().getRoot().lookupAll(".card.leader").stream()
        .map(card -> card.getId().substring("card-".length())).collect(Collectors.toSet()));
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
    return ui.agent().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static boolean visible(String selector) throws Exception {
    return ui.fx(() -> {
      Node node = ui.scene().lookup(selector);
      return node != null && node.isVisible();
    });
  }

  /** The lines added since the timeline had {@code before} (it lists the newest first). */
  private static List<String> linesSince(int before) throws Exception {
    List<String> lines = ui.timeline();
    return lines.subList(0, lines.size() - before);
  }
}
