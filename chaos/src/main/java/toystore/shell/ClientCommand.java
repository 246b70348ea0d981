package toystore.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import toystore.connect.ClusterOptions;
import toystore.connect.FrontendOptions;
import toystore.load.RetryPolicy;

/** {@code toystore client}: query, buy and check orders by hand. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    header = "The interactive client: query toys, buy, check orders.",
    description = {
      "The interactive client of the original design: Q <toy> queries, B <toy> [quantity] buys,",
      "O <number> checks an order, X exits. Reads commands from standard input, one per line."
    })
public final class ClientCommand implements Callable<Integer> {
  @Mixin private FrontendOptions frontend;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      new InteractiveClient(frontend.storeClient(ClusterOptions.toolHttp()), in, out, RetryPolicy.PATIENT).run();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("toystore client: " + e.getMessage());
      return 1;
    }
  }
}
