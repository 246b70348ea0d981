package toystore.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.config.Settings;
import toystore.model.ClusterFile;

/**
 * Where the cluster is and how to reach its agent (a picocli mixin). Each address resolves as
 * flag &gt; cluster file &gt; default; the admin token as {@code --token-file} &gt;
 * {@code TOYSTORE_ADMIN_TOKEN} &gt; the cluster file's token file &gt; {@code <data-dir>/admin.token}.
 */
public final class ClusterOptions {
  public static final String DEFAULT_AGENT = "http://127.0.0.1:7000";

  @Mixin private FrontendOptions frontend;

  @Option(
      names = "--agent",
      paramLabel = "URL",
      description = "the chaos agent (default: from the cluster file, else " + DEFAULT_AGENT + ")")
  private String agent;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "the agent's admin token (default: TOYSTORE_ADMIN_TOKEN, else the cluster file's, else <data-dir>/admin.token)")
  private Path tokenFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description = "where `toystore up` keeps its files (default: ${DEFAULT-VALUE})")
  private Path dataDir;

  public String frontendUrl() throws IOException {
    return frontend.frontendUrl();
  }

  public String agentUrl() throws IOException {
    if (agent != null) {
      return agent;
    }
    return frontend.cluster().map(ClusterFile::agent).orElse(DEFAULT_AGENT);
  }

  /** @throws IOException with a message saying where a token was looked for */
  public String adminToken() throws IOException {
    if (tokenFile != null) {
      return readToken(tokenFile);
    }
    String fromEnvironment = Settings.fromProcess().string(null, "TOYSTORE_ADMIN_TOKEN", null);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    Optional<String> fromCluster = frontend.cluster().map(ClusterFile::tokenFile);
    if (fromCluster.isPresent()) {
      return readToken(Path.of(fromCluster.get()));
    }
    Path inDataDir = dataDir.resolve("admin.token");
    if (Files.isRegularFile(inDataDir)) {
      return readToken(inDataDir);
    }
    throw new IOException(
        "no admin token: pass --token-file FILE or --cluster FILE, set TOYSTORE_ADMIN_TOKEN, or run where "
            + inDataDir + " exists");
  }

  public StoreClient storeClient(OkHttpClient http) throws IOException {
    return frontend.storeClient(http);
  }

  public AgentClient agentClient(OkHttpClient http) throws IOException {
    return new AgentClient(http, agentUrl(), adminToken());
  }

  /** An HTTP client for tools: a short connect timeout, calls long enough for a restart to finish. */
  public static OkHttpClient toolHttp() {
    return JsonHttpClient.newHttp(Duration.ofSeconds(2), Duration.ofSeconds(60));
  }

  private static String readToken(Path file) throws IOException {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new IOException("the token file " + file + " is empty");
      }
      return token;
    } catch (NoSuchFileException e) {
      throw new IOException("the token file " + file + " does not exist", e);
    }
  }
}
