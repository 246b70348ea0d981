package toystore.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.check.CheckCommand;
import toystore.supervisor.ClusterTestSupport;

/** The load and the checker against a real store: child JVMs, real sockets, SQLite files. */
class LoadClusterTest {
  private static final int CLIENTS = 3;
  private static final int ITERATIONS = 40;

  @TempDir static Path dir;
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);

  private record Run(int exit, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String[] clusterArgs(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--frontend", cluster.cluster().frontendUrl(),
                "--agent", cluster.cluster().agentUrl(),
                "--token-file", cluster.cluster().tokenFile().toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aSeededLoadWritesAReportWhoseFiguresAddUpAndTheCheckerPasses() throws IOException {
    Path reportFile = dir.resolve("load.json");

    Run load =
        run(new LoadCommand(),
            "--frontend", cluster.cluster().frontendUrl(), "--clients", Integer.toString(CLIENTS),
            "--p", "0.8", "--iterations", Integer.toString(ITERATIONS), "--seed", "42",
            "--report", reportFile.toString());

    assertThat(load.exit()).as(load.out() + load.err()).isZero();
    assertThat(load.out()).contains("LOAD PASSED", "order lookup", "p99.9 ms");
    LoadReport report = LoadReports.readJson(reportFile);
    assertThat(report.settings()).isEqualTo(new LoadSettings(cluster.cluster().frontendUrl(), CLIENTS, 0.8, ITERATIONS, 42));
    assertThat(report.iterations()).isEqualTo(CLIENTS * ITERATIONS);
    assertThat(report.mismatches()).isEmpty();
    assertThat(report.orders()).isNotEmpty();

    RequestFigures query = report.figures(RequestType.QUERY);
    RequestFigures order = report.figures(RequestType.ORDER);
    RequestFigures lookup = report.figures(RequestType.LOOKUP);
    assertThat(query.count()).isEqualTo(CLIENTS * ITERATIONS);
    assertThat(order.count()).isEqualTo(report.orders().size() + report.outOfStock() + order.errors());
    assertThat(lookup.count()).isEqualTo(report.orders().size());
    assertThat(query.errors() + order.errors() + lookup.errors()).isEqualTo(report.clientVisibleErrors());
    assertThat(report.errors()).hasSize((int) report.clientVisibleErrors());
    for (RequestFigures f : report.requests()) {
      assertThat(f.p50Ms()).isPositive();
      assertThat(List.of(f.p50Ms(), f.p90Ms(), f.p99Ms(), f.p999Ms(), f.maxMs())).isSorted();
      assertThat(f.throughputPerSecond()).isCloseTo(f.count() * 1000.0 / report.durationMs(), org.assertj.core.data.Percentage.withPercentage(1));
    }
    // Every acknowledged order has its own number and its own key, and each client's keys are its own.
    assertThat(report.orders()).extracting(AckedOrder::number).doesNotHaveDuplicates();
    assertThat(report.orders()).extracting(AckedOrder::key).doesNotHaveDuplicates()
        .allMatch(key -> key.startsWith(report.runId() + "-c"));
    assertThat(LoadReports.figuresFromCsv(Files.readString(dir.resolve("load.csv")))).isEqualTo(report.requests());

    Run check = run(new CheckCommand(), clusterArgs("--report", reportFile.toString()));

    assertThat(check.exit()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).startsWith("CHECK PASSED: " + report.orders().size() + " acknowledged orders");
  }

  @Test
  void theCheckerFailsOnACorruptedReport() throws IOException, InterruptedException {
    LoadGenerator generator = LoadGenerator.overTheCatalog(new LoadSettings(cluster.cluster().frontendUrl(), 1, 1.0, 5, 7));
    generator.start();
    LoadReport report = generator.awaitReport();
    assertThat(report.orders()).isNotEmpty();
    AckedOrder first = report.orders().get(0);
    List<AckedOrder> corrupted = new java.util.ArrayList<>(report.orders());
    corrupted.set(0, new AckedOrder(first.number(), first.name(), first.quantity() + 1, first.client(), first.key()));
    corrupted.add(new AckedOrder(1_000_000, "Whale", 1, 1, "never-ordered"));
    Path reportFile = dir.resolve("corrupted.json");
    LoadReports.writeJson(
        new LoadReport(report.runId(), report.settings(), report.startedAtMs(), report.durationMs(), report.iterations(),
            report.outOfStock(), report.clientVisibleErrors(), report.requests(), corrupted, report.errors(), report.mismatches()),
        reportFile);

    Run check = run(new CheckCommand(), clusterArgs("--report", reportFile.toString()));

    assertThat(check.exit()).isEqualTo(1);
    assertThat(check.out())
        .startsWith("CHECK FAILED: ")
        .contains("order " + first.number() + " (key " + first.key() + ") was acknowledged as " + (first.quantity() + 1))
        .contains("order 1000000 (key never-ordered) was acknowledged but is not committed")
        .contains("order 1000000 (key never-ordered) cannot be read from the frontend: HTTP 404");
  }

  @Test
  void theInteractiveClientQueriesBuysAndChecksAnOrder() throws Exception {
    StringWriter out = new StringWriter();
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.StringReader("q tux\nB Tux 2\nH\nO 999999\nb Unicorn\nx\n"));

    new toystore.shell.InteractiveClient(cluster.store(), in, new PrintWriter(out), RetryPolicy.PATIENT).run();

    String text = out.toString();
    assertThat(text).containsPattern("Tux: \\$25\\.99, \\d+ in stock");
    java.util.regex.Matcher bought = java.util.regex.Pattern.compile("Bought 2 x Tux: order (\\d+)").matcher(text);
    assertThat(bought.find()).as(text).isTrue();
    assertThat(cluster.store().lookup(Long.parseLong(bought.group(1)))).isEqualTo(new toystore.model.Order(Long.parseLong(bought.group(1)), "Tux", 2));
    assertThat(text).contains("O <number>", "Order 999999: not found", "Not bought: not found");
  }
}
