package toystore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toystore.load.RequestType;

/** The EVALUATION.md section of {@link OrderScaling}: its figures as medians with ranges, the plot, every run. */
final class OrderScalingReport {
  static final String PLOT = "order-scaling";

  private OrderScalingReport() {}

  static void append(StringBuilder md, BenchResults r) {
    OrderScaling s = r.orderScaling();
    md.append("## Orders against the HTTP stack: 1 to 64 clients\n\n");
    if (s == null) {
      md.append("Not measured in this run (its results.json predates the order runs).\n\n");
      return;
    }
    md.append(String.format(Locale.ROOT,
        "In each of the baseline's %d rounds, on the same store (every toy cached), right after the bare Spark and "
            + "the cached-store runs: one client's queries (p=0), then orders only (p=1: each client queries a "
            + "toy and orders it if it is in stock) with %s closed-loop clients, %.1f s each; the catalog restocks "
            + "empty toys every %d ms so that stock does not limit the orders. Ratios are taken within a round "
            + "(orders/s over that round's bare Spark queries/s). Each cell is the median of the rounds and, in "
            + "brackets, their range (min–max).\n\n",
        s.rounds().size(), s.clients(), r.plan().pairSliceMs() / 1000.0, Bench.ORDER_RESTOCK_MS));
    s.orderToQueryP50().ifPresent(ratio -> {
      Spread order = s.across(1, m -> m.figures(RequestType.ORDER).p50Ms());
      md.append(String.format(Locale.ROOT,
          "One client: order p50 **%s×** its cached-query p50 (order p50 %s ms, query p50 %s ms).\n\n",
          ratio.format("%.1f"), order.format("%.2f"), s.singleClientQueryP50().format("%.3f")));
    });
    md.append("| clients | orders/s | ÷ bare Spark queries/s | order p50 (ms) | order p99 (ms) | out of stock |\n");
    md.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (int c : s.clients()) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %s× | %s | %s | %s |\n", c,
          s.across(c, m -> m.perSecond(RequestType.ORDER)).format("%.0f"),
          s.toBaseline(c, r.baseline()).format("%.3f"),
          s.across(c, m -> m.figures(RequestType.ORDER).p50Ms()).format("%.2f"),
          s.across(c, m -> m.figures(RequestType.ORDER).p99Ms()).format("%.1f"),
          s.across(c, m -> m.outOfStock()).format("%.0f")));
    }
    md.append('\n');
    md.append(String.format("![orders/s against clients](bench/%s.png)\n\n", PLOT));
    md.append("Every run of the rounds:\n\n");
    List<Measured> runs = new ArrayList<>();
    for (OrderScaling.Round round : s.rounds()) {
      runs.add(round.singleClientQueries());
      round.orders().forEach(run -> runs.add(run.run()));
    }
    md.append(EvaluationReport.runTable(runs));
  }
}
