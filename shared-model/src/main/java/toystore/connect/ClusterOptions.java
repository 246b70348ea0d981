package toystore.connect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toystore.client.JsonHttpClient;
import toystore.config.Settings;

/**
 * How a tool finds a running store (a picocli mixin, the same for gui, load, chaos, check and
 * client): the flags here plus {@code TOYSTORE_DATA_DIR} and {@code TOYSTORE_ADMIN_TOKEN}, resolved
 * by {@link StoreLocator}. Its footer tells every command's {@code --help} the order.
 */
@Command(footer = {
    "",
    "Finding the store: --cluster FILE, else --data-dir DIR's cluster.json, else",
    "TOYSTORE_DATA_DIR's, else ./data/cluster.json; the first one given must exist",
    "('toystore up' writes <data-dir>/cluster.json while the store is up). --agent",
    "URL with a token (--token-file FILE or TOYSTORE_ADMIN_TOKEN) is enough: the",
    "frontend's address comes from the agent, and only a file named by a flag is",
    "read. --frontend and --agent override the file's addresses. Nothing found:",
    "a one-line error, exit 2, nothing sent anywhere."
})
public final class ClusterOptions {
  @Option(names = "--cluster", paramLabel = "FILE", description = "cluster.json written by `toystore up` (must exist)")
  private Path clusterFile;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "the store's data directory: reads DIR/cluster.json")
  private Path dataDir;

  @Option(names = "--frontend", paramLabel = "URL", description = "the public API (default: from the cluster file or the agent)")
  private String frontend;

  @Option(names = "--agent", paramLabel = "URL", description = "the chaos agent (default: from the cluster file)")
  private String agent;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "the agent's admin token (default: TOYSTORE_ADMIN_TOKEN, else the cluster file's tokenFile)")
  private Path tokenFile;

  /**
   * Finds the store from this run's flags, environment and {@code ./.env}.
   *
   * @param http used only to ask {@code --agent} for the frontend's address
   */
  public StoreAddress locate(AgentUse use, OkHttpClient http) throws StoreNotFoundException {
    return new StoreLocator(http).locate(sources(), use);
  }

  /** The store's data directory when these options name one (see {@link StoreLocator#dataDirectory}). */
  public Optional<Path> dataDirectory() {
    return StoreLocator.dataDirectory(sources());
  }

  private StoreSources sources() {
    Settings settings = Settings.fromProcess();
    return new StoreSources(clusterFile, dataDir, frontend, agent, tokenFile,
        settings.string(null, "TOYSTORE_DATA_DIR", null), settings.string(null, "TOYSTORE_ADMIN_TOKEN", null),
        Path.of("").toAbsolutePath());
  }

  /** An HTTP client for tools: a short connect timeout, calls long enough for a restart to finish. */
  public static OkHttpClient toolHttp() {
    return JsonHttpClient.newHttp(Duration.ofSeconds(2), Duration.ofSeconds(60));
  }
}
