package toystore.supervisor;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import toystore.config.PortLayout;
import toystore.config.Replication;
import toystore.config.Settings;
import toystore.http.Secrets;

/**
 * The command-line flags of a whole cluster, shared by {@code up} and {@code demo} as a picocli
 * mixin. {@link #resolve(Settings)} applies flag &gt; environment &gt; .env &gt; default.
 */
public final class ClusterFlags {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Databases, logs, admin.token and cluster.json (env TOYSTORE_DATA_DIR, default ./data).")
  Path dataDir;

  @Option(names = "--port-base", paramLabel = "P",
      description = "Agent on P, frontend P+1, catalog P+2, replicas P+3…, then a second frontend and the Raft"
          + " ports (env TOYSTORE_PORT_BASE; default: "
          + PortLayout.STANDARD_PORTS + ").")
  Integer portBase;

  @Option(names = "--replicas", paramLabel = "N",
      description = "Number of order replicas (env TOYSTORE_REPLICAS, default 3).")
  Integer replicas;

  @Option(names = "--cache-size", paramLabel = "N",
      description = "Frontend cache capacity (env TOYSTORE_CACHE_SIZE, default 5).")
  Integer cacheSize;

  @Option(names = "--no-cache", description = "Switch the frontend cache off (env TOYSTORE_NO_CACHE).")
  Boolean noCache;

  @Option(names = "--restock-interval-ms", paramLabel = "MS",
      description = "Restock period of the catalog (env TOYSTORE_RESTOCK_INTERVAL_MS, default 10000).")
  Long restockIntervalMs;

  @Option(names = "--replication", paramLabel = "lab|raft",
      description = "The order replicas' engine: lab (highest live id leads, fencing epochs) or raft (Apache Ratis)"
          + " (env TOYSTORE_REPLICATION, default lab).")
  String replication;

  @Option(names = "--frontends", paramLabel = "N",
      description = "Frontends, 1 or 2; a second one needs --replication raft (env TOYSTORE_FRONTENDS, default 1).")
  Integer frontends;

  @Option(names = "--agent-host", paramLabel = "HOST",
      description = "Address the control plane binds (env TOYSTORE_AGENT_HOST, default " + PortLayout.HOST + "). "
          + "Anything else exposes it beyond this machine.")
  String agentHost;

  /**
   * The cluster these flags describe. The admin token and cluster secret come from
   * TOYSTORE_ADMIN_TOKEN / TOYSTORE_CLUSTER_SECRET (environment or .env) or are generated.
   *
   * @throws IllegalArgumentException for a value out of range or conflicting flags
   */
  public Cluster.Config resolve(Settings settings) {
    if (cacheSize != null && Boolean.TRUE.equals(noCache)) {
      throw new IllegalArgumentException("--cache-size and --no-cache exclude each other");
    }
    Path dir = Path.of(settings.string(dataDir == null ? null : dataDir.toString(), "TOYSTORE_DATA_DIR", "data"));
    String base = settings.string(portBase == null ? null : portBase.toString(), "TOYSTORE_PORT_BASE", "none");
    int replicaCount = settings.integer(replicas, "TOYSTORE_REPLICAS", PortLayout.DEFAULT_REPLICAS);
    int cache = settings.integer(cacheSize, "TOYSTORE_CACHE_SIZE", ServiceOptions.DEFAULT_CACHE_SIZE);
    boolean cacheOff = settings.bool(noCache, "TOYSTORE_NO_CACHE", false);
    long restock = settings.longValue(
        restockIntervalMs, "TOYSTORE_RESTOCK_INTERVAL_MS", ServiceOptions.DEFAULT_RESTOCK_INTERVAL_MS);
    Replication engine = Replication.parse(settings.string(replication, "TOYSTORE_REPLICATION", "lab"));
    int frontendCount = settings.integer(frontends, "TOYSTORE_FRONTENDS", 1);
    String agent = settings.string(agentHost, "TOYSTORE_AGENT_HOST", ClusterLayout.HOST);
    String token = settings.string(null, "TOYSTORE_ADMIN_TOKEN", "");
    String secret = settings.string(null, "TOYSTORE_CLUSTER_SECRET", "");
    if (replicaCount < 1 || replicaCount > 9) {
      throw new IllegalArgumentException("replicas must be between 1 and 9, not " + replicaCount);
    }
    return new Cluster.Config(layout(base, replicaCount, frontendCount), dir.toAbsolutePath().normalize(),
        new ServiceOptions(!cacheOff, cache, restock, engine), agent,
        token.isBlank() ? Secrets.newToken() : token.strip(),
        secret.isBlank() ? Secrets.newToken() : secret.strip(),
        JavaCommand.current());
  }

  private static ClusterLayout layout(String portBase, int replicas, int frontends) {
    if (portBase.isBlank() || portBase.strip().equals("none")) {
      return ClusterLayout.standard(replicas, frontends);
    }
    try {
      return ClusterLayout.withPortBase(Integer.parseInt(portBase.strip()), replicas, frontends);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port base must be an integer, not '" + portBase + "'");
    }
  }
}
