package toystore.service;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags every service process takes; each falls back to its environment variable. */
public final class ServiceFlags {
  @Option(names = "--host", description = "Address to bind (env TOYSTORE_HOST, default 127.0.0.1).")
  public String host;

  @Option(names = "--port", description = "Port to listen on (env TOYSTORE_PORT; default per service).")
  public Integer port;

  @Option(names = "--data-dir", description = "Directory of the SQLite files (env TOYSTORE_DATA_DIR, default ./data).")
  public Path dataDir;
}
