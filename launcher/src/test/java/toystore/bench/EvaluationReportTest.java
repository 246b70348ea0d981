package toystore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.config.Replication;
import toystore.json.Json;
import toystore.load.ClientError;
import toystore.load.RequestType;
import toystore.order.raft.RaftSettings;

class EvaluationReportTest {
  @TempDir Path out;

  @Test
  void writesTheMarkdownThePlotsAndTheRawFigures() throws IOException {
    BenchResults results = BenchFixtures.results(9000, List.of());

    Path markdown = EvaluationReport.write(results, out);

    String md = Files.readString(markdown);
    assertThat(md).contains("# Evaluation", "## Targets", "## Latency sweep", "## Cache replacement",
        "## Failures under load", "**Can clients notice failures?** Not as errors",
        "**Do all replicas end up with the same database?** Yes");
    for (RequestType type : RequestType.values()) {
      assertThat(md).contains("(bench/" + EvaluationReport.chartName(type) + ".png)");
      assertPlot(out.resolve("bench"), EvaluationReport.chartName(type));
    }
    assertThat(md).contains("(bench/" + EvaluationReport.TIMELINE + ".png)");
    assertThat(md).contains("## Orders against the HTTP stack: 1 to 64 clients",
        "| clients | orders/s | ÷ bare Spark queries/s | order p50 (ms) | order p99 (ms) | out of stock |",
        "| 16 | 1025 (1017–1033) | 0.112 (0.111–0.113)× |", "| 64 |",
        "One client: order p50 **7.5 (7.5–7.5)×** its cached-query p50",
        "| orders, 64 clients, round 2 |", "| cache 12, 1 client, round 1 |",
        "(bench/" + OrderScalingReport.PLOT + ".png)");
    assertPlot(out.resolve("bench"), OrderScalingReport.PLOT);
    assertPlot(out.resolve("bench"), EvaluationReport.TIMELINE);
    // One table row per sweep run, each named by its label.
    assertThat(md).contains("| no cache, p=0.4 |", "| cache 12, p=0.8 |", "| bare Spark, round 2 |");

    BenchResults back = Json.read(Files.readString(out.resolve("bench/results.json")), BenchResults.class);
    assertThat(back).isEqualTo(results);
  }

  @Test
  void rendersTheEngineComparisonFromTheResults() throws IOException {
    Path markdown = EvaluationReport.write(BenchFixtures.results(9000, List.of()), out);

    String md = Files.readString(markdown);
    // Medians of EngineFixtures' rounds with their ranges, the counter beside raft.
    assertThat(md).contains("## Replication engines: lab against raft",
        "| figure | `lab` | `raft` | bare Ratis counter |",
        "| orders/s, 16 clients | 1620 (1610–1630) | 820 (810–830) | 980 (970–990) |",
        "| order p50 (ms), 1 client | 1.00 (1.00–1.00) | 2.00 (2.00–2.00) | 9.00 (9.00–9.00) |",
        "| stall (ms): kill -9 of the leader | 450 (400–500) | 2950 (2900–3000) | — |",
        "| stall (ms): pause (SIGSTOP) of the leader | 500 (500–500) | 3100 (3100–3100) | — |",
        "| stall (ms): cut-off from followers of the leader | 700 (700–700) | 3300 (3300–3300) | — |",
        "| restarted follower converged, digests equal, after (ms) | 2750 (2700–2800) | 1950 (1900–2000) | — |",
        "| orders/s ÷ bare Ratis counter writes/s, 16 clients | — | 0.84 (0.84–0.84)× | — |",
        "**Aim** (issue 14): raft's orders/s with 16 clients at least the bare Ratis counter's writes/s with as many "
            + "writers in the same round: **not met**, 0.84 (0.84–0.84)×",
        "| bare Ratis counter, 16 clients, round 3 | 1.50 | 990 |", "| raft orders, 16 clients, round 2 |",
        "| raft | 2 | 15.00 | cut the order leader off from its followers | order-1 | 30 ms | done |",
        "(bench/" + EnginePlot.THROUGHPUT + ".png)", "(bench/" + EnginePlot.STALLS + ".png)");
    // The advice quotes the run's figures and follows them.
    assertThat(md).contains("### When to choose which engine",
        "With 16 clients `lab` took 1620 (1610–1630) orders/s and `raft` 820 (810–830), so raft did 0.51× lab's.",
        "kill -9 of the leader 450 (400–500) ms against 2950 (2900–3000) ms",
        "so its failover is sub-second (at worst 700 ms here)",
        "(" + RaftSettings.standard().electionMin().toMillis() + "–" + RaftSettings.standard().electionMax().toMillis()
            + " ms, docs/DESIGN.md \"Raft engine\"; at worst 3300 ms here)",
        "Choose `lab` for a single-frontend store whose users should barely notice a failover",
        "— and, on this run's figures, accept 0.51× lab's orders/s with 16 clients.");
    assertPlot(out.resolve("bench"), EnginePlot.THROUGHPUT);
    assertPlot(out.resolve("bench"), EnginePlot.STALLS);
  }

  @Test
  void anAgentWithoutPartitionsLeavesThePartitionStallOutAndSaysWhy() {
    BenchResults current = BenchFixtures.results(9000, List.of());
    BenchResults noRoot = new BenchResults(current.startedAt(), current.durationMs(), current.machine(), current.plan(),
        current.baseline(), current.orderScaling(), current.sweep(), current.timeline(), current.failure(),
        EngineFixtures.comparison(false));

    String md = EvaluationReport.markdown(noRoot);

    assertThat(md).contains("| stall (ms): cut-off from followers of the leader | not measured: partitions need root: "
            + "not root (HTTP 501) | not measured: partitions need root: not root (HTTP 501) | — |",
        "cut-off from followers of the leader not measured (partitions need root: not root (HTTP 501))",
        "so its failover is sub-second (at worst 500 ms here)");
  }

  @Test
  void withOneEngineTheAdviceSaysTheOtherWasNotMeasured() {
    BenchResults current = BenchFixtures.results(9000, List.of());
    EngineComparison raftOnly = new EngineComparison(List.of(current.engines().engine(Replication.RAFT).orElseThrow()));
    BenchResults raft = new BenchResults(current.startedAt(), current.durationMs(), current.machine(),
        current.plan().withEngines(List.of(Replication.RAFT)), current.baseline(), current.orderScaling(),
        current.sweep(), current.timeline(), current.failure(), raftOnly);

    String md = EvaluationReport.markdown(raft);

    assertThat(md).contains("| figure | `raft` | bare Ratis counter |", "| orders/s, 16 clients | 820 (810–830) | 980 (970–990) |",
        "Only `raft` was measured in this run (`--replication raft`)");
  }

  @Test
  void judgesEveryTargetAndSaysWhenOneIsMissed() {
    List<Target> passing = Target.judge(BenchFixtures.results(9000, List.of()));
    assertThat(passing).hasSize(6).allMatch(Target::passed);
    // Medians of the two rounds, with their range: 1.5 ms / 0.2 ms; 1016.7 / 9000 and 1033.3 / 9300.
    assertThat(passing.get(4).figure()).isEqualTo("7.5 (7.5–7.5)×");
    assertThat(passing.get(5).figure()).isEqualTo("0.112 (0.111–0.113)×");
    // 9000 / 9150 (the median of the rounds' ratios 9000/9000 and 9000/9300).
    assertThat(passing.get(0).figure()).isEqualTo("0.98×");

    ClientError error = new ClientError(1_000, 1, RequestType.ORDER, 503, "order 1 x Fox: HTTP 503 no leader");
    BenchResults slow = BenchFixtures.results(3000, List.of(error));
    List<Target> judged = Target.judge(slow);
    assertThat(judged.get(0).passed()).isFalse();
    assertThat(judged.get(3).passed()).isFalse();
    assertThat(judged.get(3).figure()).startsWith("1 errors");
    assertThat(EvaluationReport.markdown(slow)).contains("**MISS**", "Yes: 1 requests failed", "HTTP 503 no leader");
  }

  @Test
  void replicasAreIdenticalOnlyWhenAllAreAliveWithOneDigest() {
    BenchResults results = BenchFixtures.results(9000, List.of());
    assertThat(FailureExperiment.identical(results.failure().replicas())).isTrue();
    var replicas = new java.util.ArrayList<>(results.failure().replicas());
    var first = replicas.get(0);
    replicas.set(0, new toystore.model.ReplicaStatus(first.id(), first.name(), first.url(), true, toystore.model.State.UP, toystore.model.Role.FOLLOWER, 939L, "other"));
    assertThat(FailureExperiment.identical(replicas)).isFalse();
    replicas.set(0, new toystore.model.ReplicaStatus(first.id(), first.name(), first.url(), false, null, null, null, null));
    assertThat(FailureExperiment.identical(replicas)).isFalse();
  }

  /** Both files are there; PlotTest checks what is in them. */
  private static void assertPlot(Path dir, String name) throws IOException {
    BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
    assertThat(image).as(name).isNotNull();
    assertThat(image.getWidth()).isEqualTo(960);
    assertThat(Files.readString(dir.resolve(name + ".svg"))).contains("<svg");
  }
}
