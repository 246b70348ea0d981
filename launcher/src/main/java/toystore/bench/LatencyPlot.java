package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import toystore.load.RequestType;

/**
 * Latency of one request type against p: p50 (solid, filled circles) and p99 (dashed, open squares)
 * for each cache configuration, and for queries the bare Spark baseline; latency on a log axis,
 * since it spans two or three decades.
 */
final class LatencyPlot {
  private static final List<Bench.CacheSetting> CACHES = List.of(Bench.NO_CACHE, Bench.DEFAULT_CACHE, Bench.FULL_CACHE);
  private static final List<Color> COLORS = List.of(new Color(214, 39, 40), new Color(31, 119, 180), new Color(44, 160, 44));
  private static final Color BASELINE = new Color(120, 120, 120);
  private static final Stroke SOLID = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Stroke DASHED =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {8, 5}, 0);
  private static final Shape CIRCLE = new Ellipse2D.Double(-4.5, -4.5, 9, 9);
  private static final Shape SQUARE = new Rectangle2D.Double(-4, -4, 8, 8);
  private static final Stroke OUTLINE = new BasicStroke(1.2f);

  private final XYSeriesCollection data = new XYSeriesCollection();
  private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);

  private LatencyPlot() {
    // Open squares: filled white, outlined in the series color.
    renderer.setUseFillPaint(true);
    renderer.setDrawOutlines(true);
    // Long enough in the legend to show a dash.
    renderer.setLegendLine(new Line2D.Double(-17, 0, 17, 0));
  }

  static Plot of(BenchResults results, RequestType type) {
    LatencyPlot plot = new LatencyPlot();
    for (int i = 0; i < CACHES.size(); i++) {
      List<Measured> runs = runs(results, CACHES.get(i), type);
      String label = CACHES.get(i).label();
      plot.add(label + " p50", COLORS.get(i), false,
          runs.stream().map(m -> new double[] {m.p(), m.figures(type).p50Ms()}).toList());
      plot.add(label + " p99", COLORS.get(i), true,
          runs.stream().map(m -> new double[] {m.p(), m.figures(type).p99Ms()}).toList());
    }
    List<Double> ps = results.plan().probabilities();
    if (type == RequestType.QUERY) {
      // The baseline runs at p=0 only: drawn across the sweep as the floor the HTTP stack sets.
      Measured bare = results.baseline().typicalBaseline();
      double p50 = bare.figures(type).p50Ms();
      double p99 = bare.figures(type).p99Ms();
      plot.add("bare Spark p50 (p=0)", BASELINE, false,
          List.of(new double[] {ps.get(0), p50}, new double[] {ps.get(ps.size() - 1), p50}));
      plot.add("bare Spark p99 (p=0)", BASELINE, true,
          List.of(new double[] {ps.get(0), p99}, new double[] {ps.get(ps.size() - 1), p99}));
    }
    String title = String.format(Locale.ROOT, "Latency of %s requests (%d clients, fresh store per point)",
        type.label(), results.plan().clients());
    return new Plot(plot.chart(title, ps), 960, 560);
  }

  /** The sweep's runs with {@code cache} that had requests of {@code type}. */
  private static List<Measured> runs(BenchResults results, Bench.CacheSetting cache, RequestType type) {
    return results.sweep().stream()
        .filter(m -> m.cache().equals(cache.label()) && m.figures(type).count() > 0)
        .toList();
  }

  /** A series of (p, ms) points; points a log axis cannot show (0 ms) are left out, as are empty series. */
  private void add(String name, Color color, boolean p99, List<double[]> points) {
    XYSeries series = new XYSeries(name, false);
    points.stream().filter(point -> point[1] > 0).forEach(point -> series.add(point[0], point[1]));
    if (series.isEmpty()) {
      return;
    }
    int index = data.getSeriesCount();
    data.addSeries(series);
    renderer.setSeriesPaint(index, color);
    renderer.setSeriesFillPaint(index, p99 ? Color.WHITE : color);
    renderer.setSeriesStroke(index, p99 ? DASHED : SOLID);
    renderer.setSeriesOutlineStroke(index, OUTLINE);
    renderer.setSeriesShape(index, p99 ? SQUARE : CIRCLE);
  }

  private JFreeChart chart(String title, List<Double> ps) {
    NumberAxis p = new NumberAxis("p (probability that a client orders the toy it queried)");
    double first = ps.get(0);
    double last = ps.get(ps.size() - 1);
    double margin = 0.03 * Math.max(last - first, 0.1);
    p.setRange(first - margin, last + margin);
    // A tick at every p of the sweep (they are evenly spaced).
    p.setTickUnit(new NumberTickUnit(ps.size() > 1 ? ps.get(1) - first : 0.1, new DecimalFormat("0.##")));

    LatencyAxis latency = new LatencyAxis("latency (ms, log scale)");
    latency.decadesAround(data.getRangeLowerBound(false), data.getRangeUpperBound(false));

    XYPlot plot = new XYPlot(data, p, latency, renderer);
    plot.setRangeMinorGridlinesVisible(true);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.getLegend().setPosition(RectangleEdge.RIGHT);
    return chart;
  }
}
