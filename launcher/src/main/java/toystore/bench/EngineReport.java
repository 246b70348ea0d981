package toystore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import toystore.chaos.FaultEvent;
import toystore.chaos.FaultKind;
import toystore.load.RequestType;
import toystore.order.raft.RaftSettings;

/** The EVALUATION.md section of {@link EngineComparison}: the table, the plots, when to choose which, every run. */
final class EngineReport {
  /** The client count of issue 14's aim: raft's orders/s there against the bare Ratis counter's writes/s. */
  static final int AIM_CLIENTS = 16;

  private EngineReport() {}

  /** A table row: the figure in words, and each engine's (and the counter's) value. */
  private record Row(String figure, Function<EngineRun, String> engine, Function<EngineRun, String> counter) {}

  static void append(StringBuilder md, BenchResults r) {
    md.append("## Replication engines: lab against raft\n\n");
    EngineComparison c = r.engines();
    if (c == null || c.engines().isEmpty()) {
      md.append("Not measured in this run (its results.json predates the engine comparison).\n\n");
      return;
    }
    BenchPlan plan = r.plan();
    RaftSettings raft = RaftSettings.standard();
    md.append(String.format(Locale.ROOT,
        "Each engine on a fresh store of its own (%d order replicas, every toy cached, the catalog restocking every "
            + "%d ms), one engine after the other. First %d rounds of orders only (p=1) with %s closed-loop clients, "
            + "%.1f s each after %.1f s of warm-up; in raft's rounds each order run is followed by the **bare Ratis "
            + "counter** (three Ratis peers on the order replicas' own Raft settings, fsync on, nothing of ours on "
            + "top: docs/DESIGN.md \"The bare Ratis counter\") with as many writers, so both meet the same background "
            + "load. Then %d failover round(s), each under a load of %d clients at p=%.1f that never retry: the "
            + "leader killed with SIGKILL and restarted %.1f s later; paused with SIGSTOP for %.1f s (past Raft's "
            + "longest election timeout, %.1f s) and resumed; cut off from its followers for %.1f s and healed; each "
            + "after %.1f s of quiet. A fault's *stall* is the longest time no client finished an iteration while it "
            + "was in force (until its heal returned), as `toystore chaos` measures it. Last, a follower is killed "
            + "under load and, with the load stopped, restarted: *converged* is from the restart until every replica "
            + "reports the same last order and digest. Each cell is the median of the rounds and, in brackets, their "
            + "range (min–max). The engines ran minutes apart on a shared machine: a ratio within raft's rounds "
            + "(against the counter) is firmer than a comparison across columns.\n\n",
        Stores.REPLICAS, Bench.ORDER_RESTOCK_MS, plan.pairRounds(), plan.comparison().clients(), plan.pairSliceMs() / 1000.0,
        plan.warmupMs() / 1000.0, plan.comparison().failoverRounds(), plan.clients(), FailureExperiment.ORDER_PROBABILITY,
        plan.comparison().faultHoldMs() / 1000.0, plan.comparison().faultHoldMs() / 1000.0, raft.electionMax().toMillis() / 1000.0,
        plan.comparison().faultHoldMs() / 1000.0, plan.faultSpacingMs() / 1000.0));
    table(md, c);
    aim(c).ifPresent(line -> md.append(line).append("\n\n"));
    md.append(String.format("![orders/s against clients per engine](bench/%s.png)\n\n", EnginePlot.THROUGHPUT));
    md.append(String.format("![stall per fault and engine](bench/%s.png)\n\n", EnginePlot.STALLS));
    md.append("### When to choose which engine\n\n").append(EngineAdvice.paragraph(c)).append("\n\n");
    runs(md, c);
  }

  private static void table(StringBuilder md, EngineComparison c) {
    Optional<EngineRun> counter = c.withCounter();
    List<Row> rows = new ArrayList<>();
    for (int n : clients(c)) {
      String count = n == 1 ? "1 client" : n + " clients";
      rows.add(new Row("orders/s, " + count, e -> cell(e.orders(n, m -> m.perSecond(RequestType.ORDER)), "%.0f"),
          e -> cell(e.counter(n, m -> m.perSecond(RequestType.ORDER)), "%.0f")));
      rows.add(new Row("order p50 (ms), " + count, e -> cell(e.orders(n, m -> m.figures(RequestType.ORDER).p50Ms()), "%.2f"),
          e -> cell(e.counter(n, m -> m.figures(RequestType.ORDER).p50Ms()), "%.2f")));
      rows.add(new Row("order p99 (ms), " + count, e -> cell(e.orders(n, m -> m.figures(RequestType.ORDER).p99Ms()), "%.1f"),
          e -> cell(e.counter(n, m -> m.figures(RequestType.ORDER).p99Ms()), "%.1f")));
    }
    for (FaultKind kind : EnginePlot.FAULTS) {
      rows.add(new Row("stall (ms): " + faultLabel(kind) + " of the leader", e -> stall(e, kind), e -> "—"));
    }
    rows.add(new Row("restarted follower healthy after (ms)", e -> cell(e.restartMs(), "%.0f"), e -> "—"));
    rows.add(new Row("restarted follower converged, digests equal, after (ms)", e -> cell(e.convergedMs(), "%.0f")
        + (e.notConverged() > 0 ? " (" + e.notConverged() + " round(s) not within "
            + FailoverCycle.CONVERGENCE_TIMEOUT.toSeconds() + " s)" : ""), e -> "—"));
    rows.add(new Row("client-visible errors in the failover rounds", e -> Long.toString(e.failoverErrors()), e -> "—"));
    rows.add(new Row("orders/s ÷ bare Ratis counter writes/s, " + AIM_CLIENTS + " clients",
        e -> e.toCounter(AIM_CLIENTS).map(s -> s.format("%.2f") + "×").orElse("—"), e -> "—"));

    md.append("| figure | ").append(c.engines().stream().map(e -> "`" + e.engine().word() + "`")
        .collect(Collectors.joining(" | ")));
    counter.ifPresent(e -> md.append(" | ").append(RatisCounterBaseline.ENGINE));
    md.append(" |\n| --- |").append(" ---: |".repeat(c.engines().size() + (counter.isPresent() ? 1 : 0))).append('\n');
    for (Row row : rows) {
      md.append("| ").append(row.figure()).append(" | ")
          .append(c.engines().stream().map(row.engine()).collect(Collectors.joining(" | ")));
      counter.ifPresent(e -> md.append(" | ").append(row.counter().apply(e)));
      md.append(" |\n");
    }
    md.append('\n');
  }

  /** Issue 14's aim, judged on the rounds that measured both; empty when none did. */
  static Optional<String> aim(EngineComparison c) {
    return c.withCounter().flatMap(e -> e.toCounter(AIM_CLIENTS)).map(ratio -> String.format(Locale.ROOT,
        "**Aim** (issue 14): raft's orders/s with %d clients at least the bare Ratis counter's writes/s with as many "
            + "writers in the same round: **%s**, %s× (median of the rounds' ratios, range in brackets).",
        AIM_CLIENTS, ratio.median() >= 1 ? "met" : "not met", ratio.format("%.2f")));
  }

  private static List<Integer> clients(EngineComparison c) {
    return c.engines().stream().flatMap(e -> e.clients().stream()).distinct().sorted().toList();
  }

  private static String stall(EngineRun e, FaultKind kind) {
    Optional<Spread> stall = e.stallMs(kind);
    if (stall.isEmpty() && kind == FaultKind.PARTITION && e.partitionSkipped().isPresent()) {
      return "not measured: " + e.partitionSkipped().get().replace("|", "\\|");
    }
    return cell(stall, "%.0f");
  }

  static String faultLabel(FaultKind kind) {
    return switch (kind) {
      case KILL -> "kill -9";
      case PAUSE -> "pause (SIGSTOP)";
      case PARTITION -> "cut-off from followers";
    };
  }

  static String cell(Optional<Spread> spread, String format) {
    return spread.map(s -> s.format(format)).orElse("—");
  }

  private static void runs(StringBuilder md, EngineComparison c) {
    md.append("Every order run of the engines' rounds, then each failover round's load:\n\n");
    List<Measured> runs = new ArrayList<>();
    List<Measured> counted = new ArrayList<>();
    for (EngineRun e : c.engines()) {
      for (EngineRound round : e.rounds()) {
        round.orders().forEach(run -> runs.add(run.run()));
        round.counter().forEach(run -> counted.add(run.run()));
      }
      e.failovers().forEach(f -> runs.add(f.load()));
    }
    md.append(EvaluationReport.runTable(runs));
    if (!counted.isEmpty()) {
      md.append("The bare Ratis counter's runs (increments: each a durable Raft entry on a majority):\n\n");
      md.append("| run | load avg | writes/s | p50 (ms) | p99 (ms) | errors | retries |\n");
      md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Measured m : counted) {
        md.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %.2f | %.1f | %d | %d |\n", m.label(), m.loadAverage(),
            m.perSecond(RequestType.ORDER), m.figures(RequestType.ORDER).p50Ms(), m.figures(RequestType.ORDER).p99Ms(),
            m.clientVisibleErrors(), m.clientRetries()));
      }
      md.append('\n');
    }
    md.append("The failover rounds' faults (seconds since the round's load started):\n\n");
    md.append("| engine | round | at (s) | fault | service | took | result |\n| --- | ---: | ---: | --- | --- | ---: | --- |\n");
    for (EngineRun e : c.engines()) {
      for (int i = 0; i < e.failovers().size(); i++) {
        FailoverRound f = e.failovers().get(i);
        List<FaultEvent> events = new ArrayList<>(f.faults());
        events.add(f.convergence().kill());
        events.add(f.convergence().restart());
        for (FaultEvent event : events) {
          md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %s | %s | %d ms | %s |\n", e.engine().word(), i + 1,
              (event.atMs() - f.loadStartedAtMs()) / 1000.0, event.what(), event.service() == null ? "—" : event.service(),
              event.tookMs(), event.ok() ? "done" : "failed: " + event.detail().replace("|", "\\|")));
        }
      }
    }
    md.append('\n');
  }
}
