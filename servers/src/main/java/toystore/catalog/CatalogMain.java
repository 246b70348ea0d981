package toystore.catalog;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import toystore.config.PortLayout;
import toystore.config.Settings;
import toystore.service.ServiceFlags;
import toystore.service.ServiceProcess;

/** {@code toystore catalog}: runs the catalog service alone. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Run the catalog service (toys, prices, stock, restocking).")
public final class CatalogMain implements Callable<Integer> {
  @Mixin
  ServiceFlags options = new ServiceFlags();

  @Option(names = "--frontend-url", description = "Where to push cache invalidations (env TOYSTORE_FRONTEND_URL, default " + PortLayout.STANDARD_FRONTEND_URL + ").")
  String frontendUrl;

  @Option(names = "--restock-interval-ms", description = "How often empty toys are restocked (env TOYSTORE_RESTOCK_INTERVAL_MS, default 10000).")
  Long restockIntervalMs;

  @Override
  public Integer call() throws Exception {
    ServiceProcess.nameInLogs("catalog");
    Settings settings = Settings.fromProcess();
    CatalogService.Config config = new CatalogService.Config(
        options.host(settings),
        options.port(settings, PortLayout.STANDARD.catalog()),
        options.dataDir(settings),
        settings.string(frontendUrl, "TOYSTORE_FRONTEND_URL", PortLayout.STANDARD_FRONTEND_URL),
        Duration.ofMillis(settings.longValue(restockIntervalMs, "TOYSTORE_RESTOCK_INTERVAL_MS", 10_000)),
        ServiceProcess.clusterSecret(settings));
    CatalogService service = new CatalogService(config, ServiceProcess.internalHttp(options.sourceAddress(settings))).start();
    ServiceProcess.runUntilStopped("catalog", settings, service, "http://" + config.host() + ":" + service.port());
    return 0;
  }

  public static void main(String[] args) {
    System.exit(ServiceProcess.commandLine(new CatalogMain()).execute(args));
  }
}
