package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {
  @TempDir Path dir;

  @Test
  void readsEverythingFromClusterJson() throws IOException {
    Path token = write("admin.token", "s3cret\n");
    Path cluster = write("cluster.json",
        "{\"frontend\":\"http://127.0.0.1:1234\",\"agent\":\"http://127.0.0.1:7000\",\"tokenFile\":\"" + token + "\"}");

    Endpoints endpoints = Endpoints.resolve(new Endpoints.Sources(cluster, null, null, null, null));

    assertThat(endpoints).isEqualTo(new Endpoints("http://127.0.0.1:1234", "http://127.0.0.1:7000", "s3cret"));
    assertThat(endpoints.toString()).doesNotContain("s3cret");
  }

  @Test
  void flagsWinOverClusterJsonAndTheTokenFileFlagOverTheEnvironment() throws IOException {
    Path cluster = write("cluster.json",
        "{\"frontend\":\"http://127.0.0.1:1234\",\"agent\":\"http://127.0.0.1:7000\",\"tokenFile\":\"/nonexistent\"}");
    Path token = write("mine.token", "from-file");

    Endpoints endpoints = Endpoints.resolve(new Endpoints.Sources(
        cluster, "http://127.0.0.1:22001", "http://127.0.0.1:22000", token, "from-env"));

    assertThat(endpoints).isEqualTo(new Endpoints("http://127.0.0.1:22001", "http://127.0.0.1:22000", "from-file"));
  }

  @Test
  void theEnvironmentTokenWinsOverTheClusterJsonTokenFile() throws IOException {
    Path cluster = write("cluster.json",
        "{\"frontend\":\"http://127.0.0.1:1234\",\"agent\":\"http://127.0.0.1:7000\",\"tokenFile\":\"/nonexistent\"}");

    Endpoints endpoints = Endpoints.resolve(new Endpoints.Sources(cluster, null, null, null, "from-env"));

    assertThat(endpoints.adminToken()).isEqualTo("from-env");
  }

  @Test
  void aFrontendFlagAloneIsEnoughWithoutChaos() {
    Endpoints endpoints = Endpoints.resolve(
        new Endpoints.Sources(dir.resolve("missing.json"), "http://127.0.0.1:22001", null, null, null));

    assertThat(endpoints.hasAgent()).isFalse();
    assertThat(endpoints.frontendUrl()).isEqualTo("http://127.0.0.1:22001");
  }

  @Test
  void nothingToConnectToIsAClearError() {
    assertThatThrownBy(() -> Endpoints.resolve(
            new Endpoints.Sources(dir.resolve("missing.json"), null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no frontend address")
        .hasMessageContaining("--frontend");
  }

  @Test
  void anAgentWithoutATokenIsAClearError() {
    assertThatThrownBy(() -> Endpoints.resolve(new Endpoints.Sources(
            dir.resolve("missing.json"), "http://127.0.0.1:22001", "http://127.0.0.1:22000", null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOYSTORE_ADMIN_TOKEN");
  }

  @Test
  void aBrokenClusterFileIsAClearError() throws IOException {
    Path cluster = write("cluster.json", "{not json");

    assertThatThrownBy(() -> Endpoints.resolve(new Endpoints.Sources(cluster, null, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read " + cluster);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
