package toystore.catalog;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

  @Option(names = "--frontend-url", description = "Where to push cache invalidations: one frontend's URL or several,"
      + " comma-separated (env TOYSTORE_FRONTEND_URL, default " + PortLayout.STANDARD_FRONTEND_URL + ").")
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
        frontendUrls(settings.string(frontendUrl, "TOYSTORE_FRONTEND_URL", PortLayout.STANDARD_FRONTEND_URL)),
        Duration.ofMillis(settings.longValue(restockIntervalMs, "TOYSTORE_RESTOCK_INTERVAL_MS", 10_000)),
        ServiceProcess.clusterSecret(settings));
    CatalogService service = new CatalogService(config, ServiceProcess.internalHttp(options.sourceAddress(settings))).start();
    ServiceProcess.runUntilStopped("catalog", settings, service, "http://" + config.host() + ":" + service.port());
    return 0;
  }

  /** {@code --frontend-url}'s comma list, blanks around each URL dropped. */
  static List<String> frontendUrls(String list) {
    List<String> urls = Arrays.stream(list.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toList();
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("--frontend-url names no frontend");
    }
    return urls;
  }

  public static void main(String[] args) {
    System.exit(ServiceProcess.commandLine(new CatalogMain()).execute(args));
  }
}
