package toystore.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.ServiceStartException;

/** {@code toystore bench}: the lab's experiments in one command, written up in docs/EVALUATION.md. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Run the lab's experiments on fresh stores and write the evaluation report.",
    description = {
      "Runs the lab's experiments, each on fresh processes on 127.0.0.1, one store at a time:",
      "  - a baseline: a bare Spark endpoint with a fixed product, under the same load (p=0);",
      "  - the latency sweep: 5 clients, p = 0, 0.2, 0.4, 0.6, 0.8, without a cache, with the default",
      "    cache (5 toys) and with a cache holding all 12 toys, a fresh store for every point;",
      "  - the cache timeline: what the cache holds over time under a skewed (Zipf) workload;",
      "  - failures: a follower and the leader killed and restarted under load, then the checker.",
      "Writes <out>/EVALUATION.md, the plots (PNG and SVG) and results.json under <out>/bench/.",
      "A full run takes about ten minutes, --quick a few. Exits 1 if an experiment could not run."
    })
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--quick", description = "shorter runs and fewer full-cache points: every table and plot in a few minutes")
  private boolean quick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs", description = "where EVALUATION.md and bench/ go (default: ${DEFAULT-VALUE})")
  private Path out;

  @Option(names = "--port-base", paramLabel = "P", defaultValue = "25000",
      description = "ports P..P+6: each store's agent P, frontend P+1, catalog P+2, replicas P+3..P+5; the baseline P+6 (default: ${DEFAULT-VALUE})")
  private int portBase;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "the clients' choices and the replica killed (default: ${DEFAULT-VALUE})")
  private long seed;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (portBase < 1 || portBase + 6 > 65535) {
      err.println("toystore bench: --port-base must leave room for 7 ports below 65536, not " + portBase);
      return 2;
    }
    BenchPlan plan = quick ? BenchPlan.quick(seed) : BenchPlan.full(seed);
    Path work;
    try {
      work = Files.createTempDirectory("toystore-bench-");
    } catch (IOException e) {
      err.println("toystore bench: cannot create a work directory: " + e.getMessage());
      return 1;
    }
    stdout.printf("Benchmark (%s plan, seed %d); stores and logs in %s%n", plan.name(), seed, work);
    stdout.flush();
    try {
      Bench bench = new Bench(plan, new Stores(portBase, work, JavaCommand.current()), line -> {
        stdout.println(line);
        stdout.flush();
      });
      BenchResults results = bench.run();
      Path markdown = EvaluationReport.write(results, out);
      stdout.println();
      for (Target target : Target.judge(results)) {
        stdout.printf("%-5s %s: %s%n", target.passed() ? "PASS" : "MISS", target.goal(), target.figure());
      }
      stdout.println("Written: " + markdown + " and " + out.resolve("bench"));
      stdout.flush();
      deleteTree(work);
      return 0;
    } catch (IOException | ServiceStartException e) {
      err.println("toystore bench: " + e.getMessage());
      err.println("toystore bench: the stores' data and logs are kept in " + work);
      return 1;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
