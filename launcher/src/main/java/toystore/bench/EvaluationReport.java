package toystore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import toystore.chaos.FaultEvent;
import toystore.json.Json;
import toystore.load.ClientError;
import toystore.load.RequestFigures;
import toystore.load.RequestType;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;

/**
 * Writes a benchmark's results: {@code <out>/EVALUATION.md} with tables, the verdicts and the
 * plots, and under {@code <out>/bench/} the plots as PNG and SVG and every figure as
 * {@code results.json}.
 */
public final class EvaluationReport {
  static final String RESULTS = "results.json";
  static final String TIMELINE = "cache-timeline";

  static {
    // The plots are drawn off-screen: AWT must never look for a display (a server or CI has none).
    System.setProperty("java.awt.headless", "true");
  }

  private EvaluationReport() {}

  /** Writes every file; returns the Markdown file. */
  public static Path write(BenchResults results, Path outDir) throws IOException {
    Path benchDir = outDir.resolve("bench");
    Files.createDirectories(benchDir);
    Files.writeString(benchDir.resolve(RESULTS),
        Json.moshi().adapter(BenchResults.class).serializeNulls().indent("  ").toJson(results) + "\n");
    for (RequestType type : RequestType.values()) {
      LatencyPlot.of(results, type).write(benchDir, chartName(type));
    }
    CacheTimelinePlot.of(results.timeline()).write(benchDir, TIMELINE);
    if (results.orderScaling() != null) {
      ScalingPlot.of(results.orderScaling()).write(benchDir, OrderScalingReport.PLOT);
    }
    if (results.engines() != null && !results.engines().engines().isEmpty()) {
      EnginePlot.throughput(results.engines()).write(benchDir, EnginePlot.THROUGHPUT);
      EnginePlot.stalls(results.engines()).write(benchDir, EnginePlot.STALLS);
    }
    Path markdown = outDir.resolve("EVALUATION.md");
    Files.writeString(markdown, markdown(results));
    return markdown;
  }

  /** The plot's file name without its extension: each is written as PNG and as SVG. */
  static String chartName(RequestType type) {
    return type.name().toLowerCase(Locale.ROOT) + "-latency";
  }

  static String markdown(BenchResults r) {
    BenchPlan plan = r.plan();
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation\n\n");
    md.append(String.format(Locale.ROOT,
        "Written by `./toystore bench%s --seed %d` on %s; the run took %.1f minutes. Every figure below is in "
            + "[bench/%s](bench/%s). Regenerate with `./toystore bench --out docs` (about fifteen minutes) or "
            + "`./toystore bench --quick --out docs` (about six minutes, shorter runs, fewer points with the full cache, "
            + "one failover round per engine); "
            + "without `--out` a run writes to `bench-results/<timestamp>/`.%s\n\n",
        plan.name().equals("quick") ? " --quick" : "", plan.seed(), r.startedAt(), r.durationMs() / 60000.0,
        RESULTS, RESULTS,
        plan.name().equals("quick") ? " **This file was written by a quick run: its figures are noisier.**" : ""));
    md.append("What the figures mean for the code, and what to change in the servers: "
        + "[PERFORMANCE.md](PERFORMANCE.md).\n\n");

    md.append("## How it was measured\n\n");
    BenchResults.Machine m = r.machine();
    md.append(String.format(Locale.ROOT,
        "- **Machine:** %d processors, Java %s (%s), %s. Load average %.2f at the start: the machine is shared, "
            + "so other work ran at the same time; each run's load average is in its table. Ratios between runs of "
            + "one benchmark are what to compare across machines, not absolute figures.\n",
        m.processors(), m.javaVersion(), m.javaVm(), m.os(), m.loadAverageAtStart()));
    md.append(String.format(Locale.ROOT,
        "- **Stores:** every configuration runs on a fresh store started by the supervisor on 127.0.0.1: catalog, "
            + "%d order replicas (majority-durable, SQLite with `synchronous=FULL`; replicated by the `%s` engine "
            + "except in the engine comparison, which runs each) and frontend, each its own JVM "
            + "(`-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1`). The catalog restocks every %d ms so stock never runs dry at p=0.8.\n",
        Stores.REPLICAS, plan.mainEngine().word(), plan.restockIntervalMs()));
    md.append(String.format(Locale.ROOT,
        "- **Load:** the lab's client model (`toystore.load.LoadGenerator`): %d clients, each one thread with one "
            + "keep-alive connection, in the same JVM as the benchmark; each queries a random toy (uniformly of 12) "
            + "and, if it is in stock, orders it with probability p; at the end each reads back every order it "
            + "placed (the *lookup* figures). Clients never retry: any failure the store lets through counts. "
            + "Per run: %.1f s of warm-up (discarded, the JVMs' JIT warms up), then %.1f s measured. Latency is "
            + "what the client waited; throughput is requests per second of loading.\n",
        plan.clients(), plan.warmupMs() / 1000.0, plan.measureMs() / 1000.0));
    md.append("- **Baseline:** a bare Spark endpoint (`toystore.bench.BaselineServer`: a `spark.Service` instance, "
        + "the frontend's thread pool bound, a fixed product JSON) in a child JVM started like a service, loaded "
        + "through the same load generator with p=0. It is what the HTTP stack itself does on this machine.\n");
    md.append(String.format(Locale.ROOT,
        "- **Caches:** *no cache*; *cache 5*, the default (5 of 12 toys: with uniform queries about 40%% hit); "
            + "*cache 12*, a cache that holds every toy, so that cached queries are measured as cached (run at "
            + "p ∈ {%s}). The cache targets below use *cache 12*.\n\n",
        r.plan().fullCacheProbabilities().stream().map(EvaluationReport::number).collect(Collectors.joining(", "))));

    md.append("## Targets\n\n");
    md.append("| target | measured on | figure | verdict |\n| --- | --- | --- | --- |\n");
    for (Target t : Target.judge(r)) {
      md.append(String.format("| %s | %s | %s | %s |\n", t.goal(), t.measuredOn(), t.figure(),
          t.passed() ? "PASS" : "**MISS**"));
    }
    md.append('\n');

    md.append("## Baseline: the HTTP stack alone\n\n");
    md.append("The bare Spark endpoint and a store whose cache holds every toy, both running, measured in turns; "
        + "the throughput ratio is the median of the rounds' ratios. The plots show the round of median "
        + "baseline throughput.\n\n");
    List<Measured> rounds = new ArrayList<>();
    for (int i = 0; i < r.baseline().baseline().size(); i++) {
      rounds.add(r.baseline().baseline().get(i));
      rounds.add(r.baseline().cached().get(i));
    }
    md.append(runTable(rounds));
    OrderScalingReport.append(md, r);

    md.append("## Latency sweep: p from 0 to 0.8, cache off and on\n\n");
    for (RequestType type : RequestType.values()) {
      md.append(String.format("![%s latency against p](bench/%s.png)\n\n", type.label(), chartName(type)));
    }
    md.append("Solid lines are p50, dashed lines p99. Lookups are the clients' read-back of their own orders "
        + "after the load (none at p=0). Every plot is in bench/ as SVG too, under the same name.\n\n");
    md.append(runTable(r.sweep()));

    appendTimeline(md, r.timeline());
    appendFailure(md, r.failure());
    EngineReport.append(md, r);
    appendAnswers(md, r);
    return md.toString();
  }

  static String runTable(List<Measured> runs) {
    StringBuilder md = new StringBuilder();
    md.append("| run | load avg | queries/s | query p50 | query p99 | hit ratio | orders/s | order p50 | "
        + "order p99 | lookup p50 | lookup p99 | out of stock | errors |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Measured m : runs) {
      RequestFigures q = m.figures(RequestType.QUERY);
      RequestFigures o = m.figures(RequestType.ORDER);
      RequestFigures l = m.figures(RequestType.LOOKUP);
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d |\n",
          m.label(), m.loadAverage(), m.perSecond(RequestType.QUERY), ms(q.p50Ms()), ms(q.p99Ms()),
          m.cacheCounters() == null ? "—" : String.format(Locale.ROOT, "%.0f%%", 100 * m.cacheCounters().hitRatio()),
          o.count() == 0 ? "—" : String.format(Locale.ROOT, "%.0f", m.perSecond(RequestType.ORDER)),
          o.count() == 0 ? "—" : ms(o.p50Ms()), o.count() == 0 ? "—" : ms(o.p99Ms()),
          l.count() == 0 ? "—" : ms(l.p50Ms()), l.count() == 0 ? "—" : ms(l.p99Ms()),
          m.outOfStock(), m.clientVisibleErrors()));
    }
    md.append("\nLatencies in ms. Out of stock: orders answered 409 (stock taken by another client between query "
        + "and order; a normal answer, not an error).\n\n");
    return md.toString();
  }

  private static void appendTimeline(StringBuilder md, CacheTimeline t) {
    md.append("## Cache replacement under a skewed workload\n\n");
    md.append(String.format(Locale.ROOT,
        "One store with the default cache (%d of 12 toys). After the warm-up the clients choose toys by Zipf's law "
            + "(s=%.1f: the toy of rank k with weight 1/k^s) over a seeded popularity order for %.1f s, then over "
            + "the reverse order for %.1f s; p=%.2f, so orders invalidate cached toys too. The frontend's "
            + "`GET /status` was sampled every %d ms.\n\n",
        t.capacity(), t.zipfExponent(), t.phaseMs() / 1000.0, t.phaseMs() / 1000.0, t.p(), t.sampleMs()));
    md.append("![what the cache holds over time](bench/" + TIMELINE + ".png)\n\n");
    md.append("| phase | popular toys | hit ratio | hits | misses | evictions | invalidations | query p50 | query p99 |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int i = 0; i < t.phases().size(); i++) {
      Measured phase = t.phases().get(i);
      List<String> order = new ArrayList<>(t.phaseOneOrder());
      if (i == 1) {
        java.util.Collections.reverse(order);
      }
      CacheCounters c = phase.cacheCounters();
      md.append(String.format(Locale.ROOT, "| %d | %s | %.0f%% | %d | %d | %d | %d | %s | %s |\n",
          i + 1, String.join(", ", order.subList(0, t.capacity())), 100 * c.hitRatio(), c.hits(), c.misses(),
          c.evictions(), c.invalidations(), ms(phase.figures(RequestType.QUERY).p50Ms()),
          ms(phase.figures(RequestType.QUERY).p99Ms())));
    }
    md.append("\nThe cache over time (one sample a second; counters since the timeline started; keys most recently "
        + "used first):\n\n");
    md.append("| t (s) | phase | cached | hits | misses | evictions | invalidations |\n");
    md.append("| ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
    long nextMs = 0;
    for (TimelineSample s : t.samples()) {
      if (s.atMs() >= nextMs) {
        md.append(String.format(Locale.ROOT, "| %.2f | %d | %s | %d | %d | %d | %d |\n", s.atMs() / 1000.0, s.phase(),
            String.join(", ", s.keys()), s.hits(), s.misses(), s.evictions(), s.invalidations()));
        nextMs = (s.atMs() / 1000 + 1) * 1000;
      }
    }
    md.append('\n');
  }

  private static void appendFailure(StringBuilder md, FailureRun f) {
    md.append("## Failures under load\n\n");
    md.append("One store with the default cache, 5 clients at p=0.8 that never retry. A follower chosen at random "
        + "(seeded) is killed with SIGKILL and restarted, then the leader; the restarts return once the service "
        + "answers its health check. Then the consistency checker audits the store at rest and reads every "
        + "acknowledged order back.\n\n");
    long start = f.loadStartedAtMs();
    md.append("Times are seconds since the load started.\n\n");
    md.append("| at (s) | fault | service | took | result |\n| ---: | --- | --- | ---: | --- |\n");
    for (FaultEvent e : f.faults()) {
      md.append(String.format(Locale.ROOT, "| %.2f | %s | %s | %d ms | %s |\n", (e.atMs() - start) / 1000.0, e.what(),
          e.service() == null ? "—" : e.service(), e.tookMs(), e.ok() ? "done" : "failed: " + e.detail()));
    }
    md.append('\n');
    md.append(runTable(List.of(f.load())));
    md.append(String.format(Locale.ROOT,
        "- Client-visible errors: **%d** (of %d requests).\n"
            + "- Longest wait for one request: **%.0f ms** (order p99 %.1f ms, p99.9 %.1f ms).\n"
            + "- Longest stretch in which no client finished anything: **%d ms**, from %.2f s.\n"
            + "- Consistency check: %s\n\n",
        f.errors().size(), f.load().requests().stream().mapToLong(RequestFigures::count).sum(), f.longestRequestMs(),
        f.load().figures(RequestType.ORDER).p99Ms(), f.load().figures(RequestType.ORDER).p999Ms(),
        f.longestStandstillMs(), (f.longestStandstillFromMs() - start) / 1000.0, f.checkVerdict()));
    if (!f.errors().isEmpty()) {
      md.append("Errors as the clients saw them (first 20):\n\n");
      for (ClientError e : f.errors().stream().limit(20).toList()) {
        md.append(String.format(Locale.ROOT, "- %.2f s: client %d, %s, HTTP %d, %s\n",
            (e.atMs() - start) / 1000.0, e.client(), e.type().label(), e.status(), e.message()));
      }
      md.append('\n');
    }
    if (!f.violations().isEmpty()) {
      md.append("Checker violations:\n\n");
      f.violations().stream().limit(20).forEach(v -> md.append("- ").append(v).append('\n'));
      md.append('\n');
    }
    md.append("The replicas at the end:\n\n| replica | alive | role | last order | digest |\n| --- | --- | --- | ---: | --- |\n");
    for (ReplicaStatus replica : f.replicas()) {
      md.append(String.format("| %s | %s | %s | %s | `%s` |\n", replica.name(), replica.alive() ? "yes" : "no",
          replica.role() == null ? "—" : replica.role(), replica.lastOrder() == null ? "—" : replica.lastOrder(),
          replica.digest() == null ? "—" : replica.digest().substring(0, Math.min(16, replica.digest().length()))));
    }
    md.append('\n');
  }

  private static void appendAnswers(StringBuilder md, BenchResults r) {
    FailureRun f = r.failure();
    md.append("## The lab's questions, answered from this run\n\n");
    md.append("**Can clients notice failures?** ");
    if (f.errors().isEmpty()) {
      md.append(String.format(Locale.ROOT,
          "Not as errors: no request failed while a follower and then the leader were killed and restarted, "
              + "although the clients never retried. They notice it as waiting: the longest request took %.0f ms, "
              + "and for %d ms no client finished anything, while the frontend found the dead leader and "
              + "retried the orders in flight on the new one.%s\n\n",
          f.longestRequestMs(), f.longestStandstillMs(),
          f.longestRequestMs() >= 1000 ? " That is longer than the 1 s target: see PERFORMANCE.md." : ""));
    } else {
      md.append(String.format(Locale.ROOT,
          "Yes: %d requests failed as the clients saw them (listed above). The longest request took %.0f ms.\n\n",
          f.errors().size(), f.longestRequestMs()));
    }
    md.append("**Do all replicas end up with the same database?** ");
    md.append(f.replicasIdentical()
        ? String.format(Locale.ROOT, "Yes: after the restarts every replica reports order %s with the same digest "
            + "(a hash over the whole order log), and the checker %s.\n\n",
            f.replicas().get(0).lastOrder(), f.checkPassed() ? "passed: every acknowledged order was read back "
                + "identical, numbers have no gaps, stock is conserved" : "still found the violations above")
        : "No: the replicas above differ at the end (or one is not alive); see the checker's verdict.\n\n");
    md.append("**Does the cache help?** ");
    Target.run(r, Bench.FULL_CACHE, 0).ifPresent(full -> Target.run(r, Bench.NO_CACHE, 0).ifPresent(none ->
        md.append(String.format(Locale.ROOT,
            "With every toy cached, a query's p50 is %s ms against %s ms without the cache (%.2f×), and the "
                + "frontend answers %.0f queries/s against %.0f. ",
            ms(full.figures(RequestType.QUERY).p50Ms()), ms(none.figures(RequestType.QUERY).p50Ms()),
            full.figures(RequestType.QUERY).p50Ms() / none.figures(RequestType.QUERY).p50Ms(),
            full.perSecond(RequestType.QUERY), none.perSecond(RequestType.QUERY)))));
    Target.run(r, Bench.DEFAULT_CACHE, 0).ifPresent(def -> md.append(String.format(Locale.ROOT,
        "The default cache of 5 hits %.0f%% of uniform queries, so its p50 is a miss's (%s ms). ",
        100 * def.cacheCounters().hitRatio(), ms(def.figures(RequestType.QUERY).p50Ms()))));
    md.append("As p grows, orders invalidate cached toys and the hit ratio falls (the *hit ratio* column).\n\n");
  }

  /** 0.2, 5, 1000: as short as the value allows. */
  private static String number(double value) {
    if (value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.3f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String ms(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
  }
}
