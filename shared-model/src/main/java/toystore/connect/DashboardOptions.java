package toystore.connect;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The dashboard's command line (a picocli mixin), shared by the dashboard's own main in the gui jar
 * and {@code toystore gui} in the main jar, which hands the same arguments on to it.
 */
public final class DashboardOptions {
  public static final String HEADER = "Open the Toy Store dashboard on a running store.";
  public static final String DESCRIPTION =
      "Opens the dashboard: the shop, the replicas, chaos buttons, load and cache views. Without the agent"
          + " (only --frontend given) it shows the store without chaos buttons. Exits 2 when the store cannot"
          + " be found, 1 when no window can be opened.";

  @Mixin private ClusterOptions cluster;

  @Option(names = "--seed", paramLabel = "N",
      description = "seed of the chaos monkey's and the load runs' choices (default: random; the timeline shows it)")
  private Long seed;

  /** The store, with its agent unless only {@code --frontend} was given. */
  public StoreAddress locate() throws StoreNotFoundException {
    return cluster.locate(AgentUse.IF_KNOWN, ClusterOptions.toolHttp());
  }

  /** Where the dashboard writes its exports: the store's data directory if known, else the working directory. */
  public Path exportDirectory() {
    return cluster.dataDirectory().orElse(Path.of("").toAbsolutePath());
  }

  public long seedOrRandom() {
    return seed != null ? seed : System.nanoTime();
  }
}
