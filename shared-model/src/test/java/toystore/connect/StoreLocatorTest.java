package toystore.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of the sources, on files alone. An HTTP client that counts its calls shows that a store
 * not found costs no request; asking a real agent is {@link DiscoveryProcessTest}'s part.
 */
class StoreLocatorTest {
  /** Nothing listens here (the top of this class's port range). */
  private static final String NO_AGENT = "http://127.0.0.1:24499";

  @TempDir Path dir;
  /** The tool's working directory: where ./data/cluster.json is looked for. */
  private Path cwd;
  private final AtomicInteger calls = new AtomicInteger();
  private final OkHttpClient http = ClusterOptions.toolHttp().newBuilder()
      .eventListener(new EventListener() {
        @Override
        public void callStart(Call call) {
          calls.incrementAndGet();
        }
      })
      .build();

  @BeforeEach
  void workingDirectory() throws IOException {
    cwd = Files.createDirectories(dir.resolve("cwd"));
  }

  @AfterEach
  void noLeftovers() {
    http.connectionPool().evictAll();
  }

  /** A store's data directory with cluster.json and admin.token, as {@code toystore up} writes them. */
  private Path store(String name, int portBase, String token) throws IOException {
    Path data = Files.createDirectories(dir.resolve(name));
    Path tokenFile = Files.writeString(data.resolve("admin.token"), token + "\n");
    Files.writeString(data.resolve("cluster.json"), "{\"frontend\": \"http://127.0.0.1:" + (portBase + 1)
        + "\", \"agent\": \"http://127.0.0.1:" + portBase + "\", \"tokenFile\": \"" + tokenFile + "\"}\n");
    return data;
  }

  private Sources sources() {
    return new Sources(cwd);
  }

  /** A builder over {@link StoreSources}, every source unset, the working directory given. */
  private record Sources(Path cluster, Path dataDir, String frontend, String agent, Path tokenFile,
      String dataDirEnv, String tokenEnv, Path cwd) {
    Sources(Path cwd) {
      this(null, null, null, null, null, null, null, cwd);
    }

    Sources cluster(Path p) {
      return new Sources(p, dataDir, frontend, agent, tokenFile, dataDirEnv, tokenEnv, cwd);
    }

    Sources dataDir(Path p) {
      return new Sources(cluster, p, frontend, agent, tokenFile, dataDirEnv, tokenEnv, cwd);
    }

    Sources frontend(String u) {
      return new Sources(cluster, dataDir, u, agent, tokenFile, dataDirEnv, tokenEnv, cwd);
    }

    Sources agent(String u) {
      return new Sources(cluster, dataDir, frontend, u, tokenFile, dataDirEnv, tokenEnv, cwd);
    }

    Sources tokenFile(Path p) {
      return new Sources(cluster, dataDir, frontend, agent, p, dataDirEnv, tokenEnv, cwd);
    }

    Sources dataDirEnv(String d) {
      return new Sources(cluster, dataDir, frontend, agent, tokenFile, d, tokenEnv, cwd);
    }

    Sources tokenEnv(String t) {
      return new Sources(cluster, dataDir, frontend, agent, tokenFile, dataDirEnv, t, cwd);
    }

    StoreSources get() {
      return new StoreSources(cluster, dataDir, frontend, agent, tokenFile, dataDirEnv, tokenEnv, cwd);
    }
  }

  private StoreAddress locate(Sources sources, AgentUse use) throws StoreNotFoundException {
    return new StoreLocator(http).locate(sources.get(), use);
  }

  private String notFound(Sources sources, AgentUse use) {
    Throwable thrown = catchThrowable(() -> locate(sources, use));
    assertThat(thrown).isInstanceOf(StoreNotFoundException.class);
    assertThat(thrown.getMessage()).doesNotContain("\n");
    assertThat(calls).as("requests sent while the store was not found").hasValue(0);
    return thrown.getMessage();
  }

  @Test
  void eachSourceInTurnWinsOverTheOnesAfterIt() throws IOException, StoreNotFoundException {
    store("cwd/data", 24100, "from-default");
    Path env = store("env", 24200, "from-env-dir");
    Path flagged = store("flagged", 24300, "from-data-dir");
    Path named = store("named", 24400, "from-cluster").resolve("cluster.json");

    Sources all = sources().cluster(named).dataDir(flagged).dataDirEnv(env.toString());
    assertThat(locate(all, AgentUse.REQUIRED))
        .isEqualTo(new StoreAddress("http://127.0.0.1:24401", "http://127.0.0.1:24400", "from-cluster"));
    assertThat(locate(all.cluster(null), AgentUse.REQUIRED))
        .isEqualTo(new StoreAddress("http://127.0.0.1:24301", "http://127.0.0.1:24300", "from-data-dir"));
    assertThat(locate(all.cluster(null).dataDir(null), AgentUse.REQUIRED))
        .isEqualTo(new StoreAddress("http://127.0.0.1:24201", "http://127.0.0.1:24200", "from-env-dir"));
    assertThat(locate(sources(), AgentUse.REQUIRED))
        .isEqualTo(new StoreAddress("http://127.0.0.1:24101", "http://127.0.0.1:24100", "from-default"));
    assertThat(cwd.resolve("data/cluster.json")).exists();
    assertThat(calls).hasValue(0);
  }

  @Test
  void theDataDirectoryIsThatOfTheClusterFileTheSourcesName() throws IOException {
    Path flagged = store("flagged", 24300, "t");
    Path named = store("named", 24400, "t");

    assertThat(StoreLocator.dataDirectory(sources().cluster(named.resolve("cluster.json")).dataDir(flagged).get()))
        .contains(named);
    assertThat(StoreLocator.dataDirectory(sources().dataDir(Path.of("../flagged")).get())).contains(cwd.resolve("../flagged"));
    assertThat(StoreLocator.dataDirectory(sources().agent(NO_AGENT).get())).isEmpty();
    store("cwd/data", 24100, "t");
    assertThat(StoreLocator.dataDirectory(sources().get())).contains(cwd.resolve("data"));
  }

  @Test
  void relativePathsAreTakenFromTheWorkingDirectory() throws IOException, StoreNotFoundException {
    store("cwd/s2", 24100, "t");

    assertThat(locate(sources().dataDir(Path.of("s2")), AgentUse.NONE).frontendUrl()).isEqualTo("http://127.0.0.1:24101");
    assertThat(locate(sources().dataDirEnv("s2"), AgentUse.NONE).frontendUrl()).isEqualTo("http://127.0.0.1:24101");
    assertThat(locate(sources().cluster(Path.of("s2/cluster.json")), AgentUse.NONE).frontendUrl())
        .isEqualTo("http://127.0.0.1:24101");
  }

  @Test
  void aNamedSourceThatIsMissingIsAnErrorNotAFallBackToTheNextOne() throws IOException {
    store("cwd/data", 24100, "t");
    Path missing = dir.resolve("nowhere");

    assertThat(notFound(sources().cluster(missing.resolve("x.json")), AgentUse.NONE))
        .contains(missing.resolve("x.json").toString(), "(from --cluster) does not exist");
    assertThat(notFound(sources().dataDir(missing), AgentUse.NONE))
        .contains(missing.resolve("cluster.json").toString(), "(from --data-dir) does not exist");
    assertThat(notFound(sources().dataDirEnv(missing.toString()), AgentUse.NONE))
        .contains(missing.resolve("cluster.json").toString(), "(from TOYSTORE_DATA_DIR) does not exist");
  }

  @Test
  void nothingGivenAndNoDataDirectoryNamesWhatWasTriedAndSendsNothing() {
    String message = notFound(sources(), AgentUse.REQUIRED);

    assertThat(message).startsWith("no store found: no --cluster FILE, --data-dir DIR or TOYSTORE_DATA_DIR given")
        .contains(cwd.resolve("data/cluster.json").toString(), "--agent URL", "TOYSTORE_ADMIN_TOKEN");
    assertThat(notFound(sources().tokenEnv("t"), AgentUse.NONE)).isEqualTo(message);
    assertThat(notFound(sources().frontend("http://127.0.0.1:24101"), AgentUse.REQUIRED)).isEqualTo(message);
  }

  @Test
  void aFrontendFlagIsEnoughForToolsThatDoNotNeedTheAgent() throws StoreNotFoundException {
    Sources frontendOnly = sources().frontend("http://127.0.0.1:24101/");

    assertThat(locate(frontendOnly, AgentUse.NONE)).isEqualTo(new StoreAddress("http://127.0.0.1:24101", null, null));
    StoreAddress dashboard = locate(frontendOnly, AgentUse.IF_KNOWN);
    assertThat(dashboard.hasAgent()).isFalse();
  }

  @Test
  void flagsOverrideTheFilesAddressesAndTheTokenComesFromTheFlagThenTheEnvironmentThenTheFile()
      throws IOException, StoreNotFoundException {
    Path data = store("s", 24100, "from-file");
    Path tokenFile = Files.writeString(dir.resolve("mine.token"), "from-flag\n");
    Sources base = sources().dataDir(data);

    assertThat(locate(base.frontend("http://127.0.0.1:24201"), AgentUse.REQUIRED))
        .isEqualTo(new StoreAddress("http://127.0.0.1:24201", "http://127.0.0.1:24100", "from-file"));
    assertThat(locate(base.tokenEnv("from-env"), AgentUse.REQUIRED).adminToken()).isEqualTo("from-env");
    assertThat(locate(base.tokenEnv("from-env").tokenFile(tokenFile), AgentUse.REQUIRED).adminToken())
        .isEqualTo("from-flag");
    // Tools that only use the public API do not carry the token around.
    assertThat(locate(base, AgentUse.NONE)).isEqualTo(new StoreAddress("http://127.0.0.1:24101", null, null));
  }

  @Test
  void anAgentWithoutATokenIsRefusedBeforeAnythingIsSent() {
    assertThat(notFound(sources().agent(NO_AGENT), AgentUse.NONE))
        .isEqualTo("the agent at " + NO_AGENT + " needs the admin token: pass --token-file FILE or set TOYSTORE_ADMIN_TOKEN");
  }

  @Test
  void besideAnAgentFlagNeitherTheEnvironmentsDataDirectoryNorTheDefaultIsRead() throws IOException {
    store("cwd/data", 24100, "default-token");
    Path env = store("env", 24200, "env-token");

    // Had either file been read, its token would have been found and the agent asked.
    assertThat(notFound(sources().agent(NO_AGENT).dataDirEnv(env.toString()), AgentUse.NONE))
        .contains("needs the admin token");
  }

  @Test
  void anAgentThatDoesNotAnswerIsNamedInTheError() {
    Throwable thrown = catchThrowable(
        () -> locate(sources().agent(NO_AGENT).tokenEnv("t"), AgentUse.NONE));

    assertThat(thrown).isInstanceOf(StoreNotFoundException.class)
        .hasMessageStartingWith("cannot ask the agent at " + NO_AGENT + " for the frontend's address: ");
  }

  @Test
  void badInputIsAOneLineErrorWithoutARequest() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    Path empty = Files.writeString(dir.resolve("empty.token"), "  \n");
    Path data = store("s", 24100, "t");

    assertThat(notFound(sources().agent("localhost:24100"), AgentUse.NONE))
        .isEqualTo("--agent must be an http:// or https:// URL, not 'localhost:24100'");
    assertThat(notFound(sources().frontend("ftp://x"), AgentUse.NONE)).contains("--frontend must be an http://");
    assertThat(notFound(sources().cluster(broken), AgentUse.NONE))
        .startsWith("the cluster file " + broken + " is not one 'toystore up' wrote");
    assertThat(notFound(sources().dataDir(data).tokenFile(empty), AgentUse.REQUIRED))
        .isEqualTo("the token file " + empty + " is empty");
    assertThat(notFound(sources().dataDir(data).tokenFile(dir.resolve("none.token")), AgentUse.REQUIRED))
        .isEqualTo("the token file " + dir.resolve("none.token") + " does not exist");
  }

  @Test
  void theAddressNeverShowsTheToken() {
    assertThat(new StoreAddress("http://127.0.0.1:1", "http://127.0.0.1:2", "s3cret").toString()).doesNotContain("s3cret");
  }
}
