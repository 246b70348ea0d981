package toystore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.cli.ToolProcess;
import toystore.config.Replication;
import toystore.json.Json;
import toystore.load.ClientError;
import toystore.load.RequestType;

/**
 * The bench's verdict and where it writes, on canned results (a real run takes minutes): an
 * earlier run's results.json given to {@code --from} is judged and reported like a fresh run's.
 */
class BenchCommandTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path results(BenchResults results) throws IOException {
    return Files.writeString(dir.resolve("results.json"), Json.moshi().adapter(BenchResults.class).toJson(results));
  }

  @Test
  void aMissedTargetIsExitOneAndTheReportIsWrittenAllTheSame() throws IOException {
    // A cached store at a third of the baseline's throughput, and a client that saw an error: two misses.
    ClientError error = new ClientError(1_000, 1, RequestType.ORDER, 503, "order 1 x Fox: HTTP 503 no leader");
    Path from = results(BenchFixtures.results(3000, List.of(error)));
    Path out = dir.resolve("quick-run");

    Run run = bench("--from", from.toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("MISS  cached product queries", "MISS  failures", "PASS  query p50",
        "BENCH FAILED: 2 of 6 targets missed", "Written: " + out.resolve("EVALUATION.md"));
    assertThat(Files.readString(out.resolve("EVALUATION.md"))).contains("**MISS**");
    assertThat(out.resolve("bench/results.json")).exists();
  }

  @Test
  void slowOrdersMissBothOrderTargetsAndExitOne() throws IOException {
    Path from = results(BenchFixtures.results(9000, List.of(), true));
    Path out = dir.resolve("slow-orders");

    Run run = bench("--from", from.toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("MISS  " + Target.ORDER_LATENCY + ": 50.0 (50.0–50.0)×",
        "MISS  " + Target.ORDER_THROUGHPUT + ": 0.025 (0.024–0.025)×", "PASS  cached product queries",
        "BENCH FAILED: 2 of 6 targets missed");
    assertThat(Files.readString(out.resolve("EVALUATION.md"))).contains("## Orders against the HTTP stack");
    assertThat(out.resolve("bench/" + OrderScalingReport.PLOT + ".svg")).exists();
  }

  @Test
  void aResultsFileFromBeforeTheOrderRunsIsReportedWithTheOrderTargetsMissed() throws IOException {
    BenchResults current = BenchFixtures.results(9000, List.of());
    BenchResults older = new BenchResults(current.startedAt(), current.durationMs(), current.machine(),
        current.plan(), current.baseline(), null, current.sweep(), current.timeline(), current.failure(), null);
    Path out = dir.resolve("older");

    Run run = bench("--from", results(older).toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("MISS  " + Target.ORDER_LATENCY + ": —", "BENCH FAILED: 2 of 6 targets missed");
    assertThat(Files.readString(out.resolve("EVALUATION.md"))).contains("Not measured in this run");
  }

  @Test
  void everyTargetMetIsExitZero() throws IOException {
    Run run = bench("--from", results(BenchFixtures.results(9000, List.of())).toString(), "--out", dir.resolve("o").toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("BENCH PASSED: all 6 targets met").doesNotContain("MISS");
  }

  @Test
  void withoutOutARunWritesToANewTimestampedDirectoryUnderBenchResults() throws Exception {
    Path from = results(BenchFixtures.results(9000, List.of()));
    Path cwd = Files.createDirectories(dir.resolve("cwd"));

    ToolProcess.Result run = new ToolProcess(dir).run(cwd, Map.of(), "", "bench", "--from", from.toString());

    assertThat(run.exit()).as(run.all()).isZero();
    List<Path> runs;
    try (Stream<Path> listed = Files.list(cwd.resolve("bench-results"))) {
      runs = listed.toList();
    }
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).getFileName().toString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}");
    assertThat(runs.get(0).resolve("EVALUATION.md")).exists();
    assertThat(runs.get(0).resolve("bench/results.json")).exists();
  }

  @Test
  void fromRunsNothingSoTheRunsOptionsAreRefused() throws IOException {
    Path from = results(BenchFixtures.results(9000, List.of()));

    Run run = bench("--from", from.toString(), "--quick", "--out", dir.resolve("o").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("toystore bench: --from runs nothing, so --quick cannot apply" + System.lineSeparator());
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void aFileThatIsNoResultsIsExitTwo() throws IOException {
    Path notResults = Files.writeString(dir.resolve("load.json"), "{\"settings\": {}}");

    Run run = bench("--from", notResults.toString(), "--out", dir.resolve("o").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("toystore bench: cannot read " + notResults + " as a bench's results.json");
  }

  @Test
  void theProgressLineNamesThePhaseOfHowManyAndTheTimeSoFar() {
    long[] now = {1_000};
    List<String> lines = new java.util.ArrayList<>();
    BenchProgress progress = new BenchProgress(lines::add, BenchPlan.quick(42), () -> now[0]);

    progress.phase("Baseline");
    progress.accept("  round 1");
    now[0] += 65_000;
    progress.phase("Store with no cache, p=0.0");

    // The quick plan: the baseline, 5 + 5 + 2 points of the sweep, the timeline, the failure experiment,
    // and each of the two engines' orders and failovers.
    assertThat(lines).containsExactly("[1/19, 0:00] Baseline", "  round 1", "[2/19, 1:05] Store with no cache, p=0.0");
    assertThat(BenchProgress.phases(BenchPlan.full(42))).isEqualTo(22);
    assertThat(BenchProgress.phases(BenchPlan.full(42).withEngines(List.of(Replication.RAFT)))).isEqualTo(20);
  }

  @Test
  void theBenchComparesBothEnginesUnlessReplicationNamesOne() {
    BenchPlan both = plan("--quick");
    assertThat(both.comparison().engines()).containsExactly(Replication.LAB, Replication.RAFT);
    assertThat(both.mainEngine()).isEqualTo(Replication.LAB);
    assertThat(both.comparison().clients()).containsExactly(1, 4, 16);
    assertThat(both.pairRounds()).isGreaterThanOrEqualTo(3);

    BenchPlan raft = plan("--replication", "raft");
    assertThat(raft.comparison().engines()).containsExactly(Replication.RAFT);
    // The other experiments run on it too, as --replication raft did before the comparison.
    assertThat(raft.mainEngine()).isEqualTo(Replication.RAFT);
    assertThat(plan("--quick", "--replication", "LAB").comparison().engines()).containsExactly(Replication.LAB);
  }

  @Test
  void anUnknownEngineIsExitTwoBeforeAnythingRuns() {
    Run run = bench("--replication", "paxos", "--out", dir.resolve("o").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("toystore bench: --replication must be lab or raft, not 'paxos'" + System.lineSeparator());
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void aResultsFileWrittenBeforeTheEngineComparisonStillRenders() throws IOException {
    // The JSON an older bench wrote: no engine figures (a null is left out), and no comparison in its plan.
    BenchResults current = BenchFixtures.results(9000, List.of());
    String json = Json.moshi().adapter(BenchResults.class).toJson(new BenchResults(current.startedAt(),
        current.durationMs(), current.machine(), current.plan(), current.baseline(), current.orderScaling(),
        current.sweep(), current.timeline(), current.failure(), null));
    String old = json.replaceAll(",\"comparison\":\\{[^}]*\\}", "");
    assertThat(old).doesNotContain("engine", "comparison");
    Path from = Files.writeString(dir.resolve("old.json"), old);
    Path out = dir.resolve("old");

    Run run = bench("--from", from.toString(), "--out", out.toString());

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(Files.readString(out.resolve("EVALUATION.md")))
        .contains("## Replication engines: lab against raft",
            "Not measured in this run (its results.json predates the engine comparison).");
    assertThat(out.resolve("bench/" + EnginePlot.THROUGHPUT + ".png")).doesNotExist();
  }

  private static BenchPlan plan(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command.plan();
  }
}
