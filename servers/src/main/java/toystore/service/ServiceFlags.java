package toystore.service;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import toystore.config.Settings;

/** The flags every service process takes; each falls back to its environment variable. */
public final class ServiceFlags {
  @Option(names = "--host", description = "Address to bind (env TOYSTORE_HOST, default 127.0.0.1).")
  private String host;

  @Option(names = "--port", description = "Port to listen on (env TOYSTORE_PORT; default per service).")
  private Integer port;

  @Option(names = "--data-dir", description = "Directory of the SQLite files (env TOYSTORE_DATA_DIR, default ./data).")
  private Path dataDir;

  public String host(Settings settings) {
    return settings.string(host, "TOYSTORE_HOST", "127.0.0.1");
  }

  public int port(Settings settings, int defaultPort) {
    return settings.integer(port, "TOYSTORE_PORT", defaultPort);
  }

  public Path dataDir(Settings settings) {
    return Path.of(settings.string(dataDir == null ? null : dataDir.toString(), "TOYSTORE_DATA_DIR", "data"));
  }
}
