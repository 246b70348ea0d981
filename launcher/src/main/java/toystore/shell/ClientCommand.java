package toystore.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import toystore.client.StoreClient;
import toystore.connect.AgentUse;
import toystore.connect.ClusterOptions;
import toystore.connect.StoreNotFoundException;
import toystore.load.RetryPolicy;

/** {@code toystore client}: query, buy and check orders by hand. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    header = "The interactive client: query toys, buy, check orders.",
    description = {
      "The interactive client of the original design: Q <toy> queries, B <toy> [quantity] buys,",
      "O <number> checks an order, X exits. Reads commands from standard input, one per line.",
      "Exits 2 when the store cannot be found."
    })
public final class ClientCommand implements Callable<Integer> {
  @Mixin private ClusterOptions cluster;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try {
      OkHttpClient http = ClusterOptions.toolHttp();
      StoreClient store = cluster.locate(AgentUse.NONE, http).storeClient(http);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      new InteractiveClient(store, in, out, RetryPolicy.PATIENT).run();
      return 0;
    } catch (StoreNotFoundException e) {
      spec.commandLine().getErr().println("toystore client: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      spec.commandLine().getErr().println("toystore client: " + e.getMessage());
      return 1;
    }
  }
}
