package toystore.frontend;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import toystore.client.ReplicaAddress;
import toystore.config.PortLayout;
import toystore.config.Replication;
import toystore.config.Settings;
import toystore.service.ServiceFlags;
import toystore.service.ServiceProcess;

/** {@code toystore frontend}: runs the public frontend alone. */
@Command(name = "frontend", mixinStandardHelpOptions = true,
    description = "Run the frontend service (the public REST API, the product cache, leader selection or, in raft mode, following).")
public final class FrontendMain implements Callable<Integer> {
  @Mixin
  ServiceFlags options = new ServiceFlags();

  @Option(names = "--catalog-url", description = "The catalog (env TOYSTORE_CATALOG_URL, default " + PortLayout.STANDARD_CATALOG_URL + ").")
  String catalogUrl;

  @Option(names = "--replicas", description = "Every order replica as id=url,… (env TOYSTORE_ORDER_REPLICAS,"
      + " default " + PortLayout.STANDARD_REPLICAS + ").")
  String replicas;

  @Option(names = "--cache-size", description = "Products the LRU cache holds (env TOYSTORE_CACHE_SIZE, default 5).")
  Integer cacheSize;

  @Option(names = "--no-cache", description = "Switch the product cache off (env TOYSTORE_NO_CACHE=true).")
  Boolean noCache;

  @Option(names = "--retry-deadline-ms", description = "How long an order is retried across leader changes"
      + " before the client gets 503 (env TOYSTORE_RETRY_DEADLINE_MS, default 5000).")
  Long retryDeadlineMs;

  @Option(names = "--replication", paramLabel = "lab|raft", description = "lab: this frontend elects the order"
      + " leader (highest live id, fencing epochs); raft: it follows the leader Raft elected"
      + " (env TOYSTORE_REPLICATION, default lab).")
  String replication;

  @Override
  public Integer call() throws Exception {
    ServiceProcess.nameInLogs("frontend");
    Settings settings = Settings.fromProcess();
    FrontendService.Config config = new FrontendService.Config(
        options.host(settings),
        options.port(settings, PortLayout.STANDARD.frontend()),
        options.dataDir(settings),
        settings.string(catalogUrl, "TOYSTORE_CATALOG_URL", PortLayout.STANDARD_CATALOG_URL),
        ReplicaAddress.parseList(settings.string(replicas, "TOYSTORE_ORDER_REPLICAS",
            PortLayout.STANDARD_REPLICAS)),
        !settings.bool(noCache, "TOYSTORE_NO_CACHE", false),
        settings.integer(cacheSize, "TOYSTORE_CACHE_SIZE", 5),
        Duration.ofMillis(settings.longValue(retryDeadlineMs, "TOYSTORE_RETRY_DEADLINE_MS", 5000)),
        ServiceProcess.clusterSecret(settings),
        Replication.parse(settings.string(replication, "TOYSTORE_REPLICATION", Replication.LAB.word())));
    FrontendService service = new FrontendService(config, ServiceProcess.internalHttp(options.sourceAddress(settings))).start();
    ServiceProcess.runUntilStopped("frontend", settings, service, "http://" + config.host() + ":" + service.port());
    return 0;
  }

  public static void main(String[] args) {
    System.exit(ServiceProcess.commandLine(new FrontendMain()).execute(args));
  }
}
