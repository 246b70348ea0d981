package toystore.load;

import java.util.List;
import java.util.Locale;

/** The human-readable summary of a load report. */
public final class SummaryTable {
  private static final int MAX_LISTED = 20;

  private SummaryTable() {}

  public static String render(LoadReport report) {
    LoadSettings s = report.settings();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Load run %s: %d clients, order probability %.2f, %s, seed %d, frontend %s%n",
            report.runId(), s.clients(), s.orderProbability(),
            s.iterations() == 0 ? "until stopped" : s.iterations() + " iterations each",
            s.seed(), s.frontendUrl()));
    out.append(
        String.format(
            Locale.ROOT,
            "%.1f s, %d iterations, %d orders acknowledged, %d out of stock, %d client-visible errors, %d mismatches%n%n",
            report.durationMs() / 1000.0, report.iterations(), report.orders().size(), report.outOfStock(),
            report.clientVisibleErrors(), report.mismatches().size()));
    out.append(figuresTable(report.requests()));
    if (!report.errors().isEmpty()) {
      out.append(String.format("%nClient-visible errors (%d):%n", report.errors().size()));
      report.errors().stream().limit(MAX_LISTED).forEach(e -> out.append("  client ").append(e.client())
          .append(": ").append(e.message()).append('\n'));
      more(out, report.errors().size());
    }
    if (!report.mismatches().isEmpty()) {
      out.append(String.format("%nMismatches (%d):%n", report.mismatches().size()));
      report.mismatches().stream().limit(MAX_LISTED).forEach(m -> out.append("  order ").append(m.number())
          .append(" (key ").append(m.key()).append("): ").append(m.problem()).append('\n'));
      more(out, report.mismatches().size());
    }
    out.append('\n').append(verdict(report)).append('\n');
    return out.toString();
  }

  public static String figuresTable(List<RequestFigures> requests) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "%-13s %8s %7s %7s %9s %8s %8s %8s %8s %8s %8s%n",
            "request", "count", "errors", "retries", "req/s", "mean ms", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
            "max ms"));
    for (RequestFigures f : requests) {
      out.append(
          String.format(
              Locale.ROOT, "%-13s %8d %7d %7d %9.1f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f%n",
              f.type().label(), f.count(), f.errors(), f.retries(), f.throughputPerSecond(), f.meanMs(),
              f.p50Ms(), f.p90Ms(), f.p99Ms(), f.p999Ms(), f.maxMs()));
    }
    return out.toString();
  }

  public static String verdict(LoadReport report) {
    return report.passed()
        ? "LOAD PASSED: all " + report.orders().size() + " acknowledged orders read back as recorded"
        : "LOAD FAILED: " + report.mismatches().size() + " of " + report.orders().size()
            + " acknowledged orders did not read back as recorded";
  }

  private static void more(StringBuilder out, int total) {
    if (total > MAX_LISTED) {
      out.append("  … and ").append(total - MAX_LISTED).append(" more (see the JSON report)\n");
    }
  }
}
