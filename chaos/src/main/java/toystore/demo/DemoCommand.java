package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toystore.connect.ClusterOptions;

/** {@code toystore demo} without a display: the scripted failover walkthrough in the terminal. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The original design's failover walkthrough, narrated step by step: place orders, kill the leader,",
      "place more, read the first on the new leader, restart the old leader and watch it catch up, kill the",
      "other two and read every order again, restart them and compare every replica's digest.",
      "Ends with DEMO PASSED or DEMO FAILED; exits 0 or 1."
    })
public final class DemoCommand implements Callable<Integer> {
  @Mixin private ClusterOptions cluster;

  @Option(names = "--seed", paramLabel = "S", description = "which toys and quantities are ordered (default: random)")
  private Long seed;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try {
      OkHttpClient http = ClusterOptions.toolHttp();
      FailoverDemo demo =
          new FailoverDemo(
              cluster.storeClient(http), cluster.agentClient(http), out,
              seed != null ? seed : new SecureRandom().nextLong(), newRunId());
      return demo.run() ? 0 : 1;
    } catch (IOException e) {
      spec.commandLine().getErr().println("toystore demo: " + e.getMessage());
      return 1;
    }
  }

  private static String newRunId() {
    byte[] bytes = new byte[4];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
