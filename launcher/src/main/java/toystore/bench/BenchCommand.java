package toystore.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import toystore.config.Replication;
import toystore.json.Json;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.ServiceStartException;

/** {@code toystore bench}: the lab's experiments in one command, written up as an evaluation report. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Run the lab's experiments on fresh stores and write the evaluation report.",
    description = {
      "Runs the lab's experiments, each on fresh processes on 127.0.0.1, one store at a time:",
      "  - a baseline: a bare Spark endpoint with a fixed product, under the same load (p=0), in rounds",
      "    that alternate with the store (every toy cached): its queries, one client's queries, and",
      "    orders only (p=1) with 1, 4, 16 and 64 clients; each figure is the median of the rounds;",
      "  - the latency sweep: 5 clients, p = 0, 0.2, 0.4, 0.6, 0.8, without a cache, with the default",
      "    cache (5 toys) and with a cache holding all 12 toys, a fresh store for every point;",
      "  - the cache timeline: what the cache holds over time under a skewed (Zipf) workload;",
      "  - failures: a follower and the leader killed and restarted under load, then the checker;",
      "  - the engines compared (lab and raft unless --replication names one), a fresh store each:",
      "    orders only with 1, 4 and 16 clients in rounds (raft's beside a bare Ratis counter), the",
      "    leader killed, paused and cut off from its followers under load, a follower's restart.",
      "The experiments before the comparison run on the first engine compared (lab by default).",
      "Each phase starts with a line [phase/phases, time so far]. Writes <out>/EVALUATION.md, the plots",
      "(PNG and SVG) and results.json under <out>/bench/; <out> is a new bench-results/<timestamp>/ unless --out says",
      "otherwise (--out docs replaces the committed evaluation). --from re-judges an earlier run's",
      "results.json and writes its report again without running anything.",
      "A full run takes about fifteen minutes, --quick about six. Exits 0 when every target is met, 1 when one",
      "is missed or an experiment could not run, 2 on bad settings."
    })
public final class BenchCommand implements Callable<Integer> {
  static final Path RESULTS_ROOT = Path.of("bench-results");
  private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

  @Option(names = "--quick", description = "shorter runs and fewer full-cache points: every table and plot in a few minutes")
  private boolean quick;

  @Option(names = "--out", paramLabel = "DIR", description = "where EVALUATION.md and bench/ go (default: bench-results/<timestamp>)")
  private Path out;

  @Option(names = "--from", paramLabel = "FILE",
      description = "an earlier run's bench/results.json: judge it and write its report to --out, run nothing")
  private Path from;

  @Option(names = "--port-base", paramLabel = "P", defaultValue = "25000",
      description = "ports P..P+12: each store's agent P, frontend P+1, catalog P+2, replicas P+3..P+5, a second"
          + " frontend's and the Raft ports P+6..P+9; the baseline P+10, the bare Ratis counter P+10..P+12"
          + " (default: ${DEFAULT-VALUE})")
  private int portBase;

  @Option(names = "--replication", paramLabel = "lab|raft",
      description = "compare only this order replication engine, and run every other experiment on it"
          + " (default: both, lab first)")
  private String replication;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "the clients' choices and the replica killed (default: ${DEFAULT-VALUE})")
  private long seed;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path outDir = out != null ? out : RESULTS_ROOT.resolve(LocalDateTime.now().format(RUN_NAME));
    if (from != null) {
      return rewrite(stdout, err, outDir);
    }
    int ports = Stores.PORTS;
    if (portBase < 1 || portBase + ports - 1 > 65535) {
      err.println("toystore bench: --port-base must leave room for " + ports + " ports below 65536, not " + portBase);
      return 2;
    }
    BenchPlan plan;
    try {
      plan = plan();
    } catch (IllegalArgumentException e) {
      err.println("toystore bench: " + e.getMessage());
      return 2;
    }
    Path work;
    try {
      work = Files.createTempDirectory("toystore-bench-");
    } catch (IOException e) {
      err.println("toystore bench: cannot create a work directory: " + e.getMessage());
      return 1;
    }
    stdout.printf("Benchmark (%s plan, seed %d, %d phases); report to %s, stores and logs in %s%n",
        plan.name(), seed, BenchProgress.phases(plan), outDir, work);
    stdout.flush();
    try {
      Bench bench = new Bench(plan, new Stores(portBase, work, JavaCommand.current(), plan.mainEngine()), line -> {
        stdout.println(line);
        stdout.flush();
      });
      BenchResults results = bench.run();
      int exit = report(results, outDir, stdout);
      deleteTree(work);
      return exit;
    } catch (IOException | ServiceStartException e) {
      err.println("toystore bench: " + e.getMessage());
      err.println("toystore bench: the stores' data and logs are kept in " + work);
      return 1;
    }
  }

  /** What the options ask to run: both engines, or the one {@code --replication} names. */
  BenchPlan plan() {
    BenchPlan plan = quick ? BenchPlan.quick(seed) : BenchPlan.full(seed);
    return replication == null ? plan : plan.withEngines(List.of(Replication.parse(replication)));
  }

  /** {@code --from}: the report of an earlier run, judged again. */
  private int rewrite(PrintWriter stdout, PrintWriter err, Path outDir) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<String> runOptions = Stream.of("--quick", "--seed", "--port-base", "--replication").filter(parsed::hasMatchedOption).toList();
    if (!runOptions.isEmpty()) {
      err.println("toystore bench: --from runs nothing, so " + String.join(", ", runOptions) + " cannot apply");
      return 2;
    }
    BenchResults results;
    try {
      results = Json.read(Files.readString(from), BenchResults.class);
    } catch (IOException | RuntimeException e) {
      err.println("toystore bench: cannot read " + from + " as a bench's results.json: " + e.getMessage());
      return 2;
    }
    try {
      return report(results, outDir, stdout);
    } catch (IOException e) {
      err.println("toystore bench: " + e.getMessage());
      return 1;
    }
  }

  /** Writes the report, prints the verdict on every target; 0 when all are met, else 1. */
  private static int report(BenchResults results, Path outDir, PrintWriter stdout) throws IOException {
    Path markdown = EvaluationReport.write(results, outDir);
    List<Target> targets = Target.judge(results);
    stdout.println();
    for (Target target : targets) {
      stdout.printf("%-5s %s: %s%n", target.passed() ? "PASS" : "MISS", target.goal(), target.figure());
    }
    long missed = targets.stream().filter(t -> !t.passed()).count();
    stdout.println("Written: " + markdown + " and " + outDir.resolve("bench"));
    stdout.println(missed == 0
        ? "BENCH PASSED: all " + targets.size() + " targets met"
        : "BENCH FAILED: " + missed + " of " + targets.size() + " targets missed");
    stdout.flush();
    return missed == 0 ? 0 : 1;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
