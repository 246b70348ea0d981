package toystore.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Option;
import toystore.client.StoreClient;
import toystore.json.Json;
import toystore.model.ClusterFile;

/**
 * Where the public API is, for commands that need nothing else (a picocli mixin):
 * {@code --frontend} &gt; the cluster file's &gt; {@value #DEFAULT_FRONTEND}.
 */
public final class FrontendOptions {
  public static final String DEFAULT_FRONTEND = "http://localhost:1234";
  private static final Path DEFAULT_CLUSTER_FILE = Path.of("data", "cluster.json");

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "cluster.json written by `toystore up` (default: ./data/cluster.json if present)")
  private Path clusterFile;

  @Option(
      names = "--frontend",
      paramLabel = "URL",
      description = "the public API (default: from the cluster file, else " + DEFAULT_FRONTEND + ")")
  private String frontend;

  private Optional<ClusterFile> loaded;

  public String frontendUrl() throws IOException {
    if (frontend != null) {
      return frontend;
    }
    return cluster().map(ClusterFile::frontend).orElse(DEFAULT_FRONTEND);
  }

  public StoreClient storeClient(OkHttpClient http) throws IOException {
    return new StoreClient(http, frontendUrl());
  }

  /** The cluster file named by {@code --cluster}, else {@code ./data/cluster.json} when it exists. */
  Optional<ClusterFile> cluster() throws IOException {
    if (loaded == null) {
      loaded = readCluster();
    }
    return loaded;
  }

  private Optional<ClusterFile> readCluster() throws IOException {
    Path file = clusterFile != null ? clusterFile : DEFAULT_CLUSTER_FILE;
    if (clusterFile == null && !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(Files.readString(file), ClusterFile.class));
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the cluster file " + file + ": " + e.getMessage(), e);
    }
  }
}
