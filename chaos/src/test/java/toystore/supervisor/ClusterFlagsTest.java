package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import toystore.config.Replication;
import toystore.config.Settings;

class ClusterFlagsTest {
  private static Cluster.Config resolve(Map<String, String> env, Map<String, String> dotEnv, String... args) {
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs(args);
    return up.flags.resolve(new Settings(env, dotEnv));
  }

  @Test
  void defaultsAreTheOriginalPortsThreeReplicasCacheFiveAndTenSecondRestock() {
    Cluster.Config config = resolve(Map.of(), Map.of());

    assertThat(config.layout()).isEqualTo(ClusterLayout.standard(3));
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(config.options()).isEqualTo(new ServiceOptions(true, 5, 10_000));
    assertThat(config.agentHost()).isEqualTo("127.0.0.1");
    assertThat(config.adminToken()).hasSize(64);
    assertThat(config.clusterSecret()).hasSize(64).isNotEqualTo(config.adminToken());
  }

  @Test
  void flagBeatsEnvironmentBeatsDotEnv() {
    Map<String, String> env = Map.of("TOYSTORE_REPLICAS", "5", "TOYSTORE_PORT_BASE", "21400");
    Map<String, String> dotEnv = Map.of("TOYSTORE_REPLICAS", "7", "TOYSTORE_CACHE_SIZE", "2",
        "TOYSTORE_RESTOCK_INTERVAL_MS", "500", "TOYSTORE_ADMIN_TOKEN", "from-dot-env");

    Cluster.Config config = resolve(env, dotEnv, "--replicas", "1", "--data-dir", "/tmp/x");

    assertThat(config.layout()).isEqualTo(ClusterLayout.withPortBase(21400, 1));
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(config.options()).isEqualTo(new ServiceOptions(true, 2, 500));
    assertThat(config.adminToken()).isEqualTo("from-dot-env");
  }

  @Test
  void noCacheFromFlagOrEnvironment() {
    assertThat(resolve(Map.of(), Map.of(), "--no-cache").options().cacheEnabled()).isFalse();
    assertThat(resolve(Map.of("TOYSTORE_NO_CACHE", "true"), Map.of()).options().cacheEnabled()).isFalse();
  }

  @Test
  void conflictingOrOutOfRangeValuesAreRejected() {
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), "--cache-size", "3", "--no-cache"))
        .hasMessageContaining("--cache-size and --no-cache");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), "--replicas", "0")).hasMessageContaining("replicas");
    assertThatThrownBy(() -> resolve(Map.of("TOYSTORE_PORT_BASE", "abc"), Map.of())).hasMessageContaining("port base");
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), "--cache-size", "0")).hasMessageContaining("cache size");
  }

  @Test
  void theConfigNeverPrintsItsSecrets() {
    Cluster.Config config = resolve(Map.of("TOYSTORE_CLUSTER_SECRET", "s3cret-value"), Map.of());

    assertThat(config.clusterSecret()).isEqualTo("s3cret-value");
    assertThat(config.toString()).doesNotContain("s3cret-value", config.adminToken());
  }

  @Test
  void replicationIsLabByDefaultAndRaftFromTheFlagOrTheEnvironment() {
    assertThat(resolve(Map.of(), Map.of()).options().replication()).isEqualTo(Replication.LAB);
    assertThat(resolve(Map.of(), Map.of(), "--replication", "raft").options().replication()).isEqualTo(Replication.RAFT);
    assertThat(resolve(Map.of("TOYSTORE_REPLICATION", "raft"), Map.of()).options().replication())
        .isEqualTo(Replication.RAFT);
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), "--replication", "paxos"))
        .hasMessageContaining("replication must be lab or raft");
  }

  @Test
  void twoFrontendsRunOnlyWithRaft() {
    Cluster.Config raft = resolve(Map.of(), Map.of(), "--replication", "raft", "--frontends", "2", "--port-base", "21000");

    assertThat(raft.layout().frontendPorts()).containsExactly(21001, 21006);
    assertThatThrownBy(() -> resolve(Map.of(), Map.of(), "--frontends", "2"))
        .hasMessageContaining("--frontends 2 needs --replication raft");
  }

  @Test
  void upRefusesTwoFrontendsInLabModeWithOneLineAndExitTwoBeforeStartingAnything() {
    StringWriter err = new StringWriter();
    CommandLine up = new CommandLine(new UpCommand()).setErr(new PrintWriter(err));

    int exit = up.execute("--frontends", "2", "--data-dir", "/nonexistent/toystore-never-made");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().lines().findFirst().orElse(""))
        .contains("--frontends 2 needs --replication raft");
    assertThat(Path.of("/nonexistent/toystore-never-made")).doesNotExist();
  }
}
