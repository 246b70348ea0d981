package toystore.check;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toystore.connect.AgentUse;
import toystore.connect.ClusterOptions;
import toystore.connect.StoreAddress;
import toystore.connect.StoreNotFoundException;
import toystore.load.AckedOrder;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.load.Mismatch;

/** {@code toystore check}: the consistency checker on its own. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Check a store at rest: orders, numbering, stock and replica digests.",
    description = {
      "Checks a cluster at rest: acknowledged orders (from a load report) committed, readable and identical;",
      "order numbers 1..N unique; stock conserved for every toy; every live replica with the same digest.",
      "Stock and digests may take up to 15 s after the last fault to settle (docs/API.md §3.4): while they are all",
      "that is wrong, it re-checks every 500 ms and says what it is waiting for. Then it prints a verdict",
      "line and each violation; exits 1 on any violation, 2 when the store cannot be found."
    })
public final class CheckCommand implements Callable<Integer> {
  @Mixin private ClusterOptions cluster;

  @Option(names = "--report", paramLabel = "FILE", description = "a JSON load report whose acknowledged orders to check")
  private Path report;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      OkHttpClient http = ClusterOptions.toolHttp();
      StoreAddress store = cluster.locate(AgentUse.REQUIRED, http);
      List<AckedOrder> acknowledged = List.of();
      List<Violation> recorded = new ArrayList<>();
      if (report != null) {
        LoadReport load = LoadReports.readJson(report);
        acknowledged = load.orders();
        recorded.addAll(recordedMismatches(load));
      }
      ConsistencyChecker checker = new ConsistencyChecker(store.agentClient(http), store.storeClient(http), line -> {
        out.println(line);
        out.flush();
      });
      CheckResult result = checker.check(acknowledged);
      if (!recorded.isEmpty()) {
        List<Violation> all = new ArrayList<>(recorded);
        all.addAll(result.violations());
        result = new CheckResult(List.copyOf(all), result.audit(), result.acknowledgedOrders());
      }
      out.print(result.render());
      out.flush();
      return result.passed() ? 0 : 1;
    } catch (StoreNotFoundException e) {
      err.println("toystore check: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("toystore check: " + e.getMessage());
      return 1;
    }
  }

  /** What the load run itself saw go wrong when it read its orders back. */
  static List<Violation> recordedMismatches(LoadReport load) {
    return load.mismatches().stream()
        .map((Mismatch m) -> new Violation(Violation.Kind.ACKNOWLEDGED_ORDER, "the load run recorded: order " + m.number() + " (key " + m.key() + "): " + m.problem()))
        .toList();
  }
}
