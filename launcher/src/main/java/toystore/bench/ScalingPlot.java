package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import toystore.load.RequestType;

/**
 * Orders per second against the number of clients (orders only, p=1), with the order p50 and p99
 * on a second, log axis: each point is the median of the rounds, its bar the range (min–max).
 * Clients on a log axis (base 2), since they grow 1, 4, 16, 64.
 */
final class ScalingPlot {
  private static final Color THROUGHPUT = new Color(31, 119, 180);
  private static final Color LATENCY = new Color(214, 39, 40);
  private static final Stroke SOLID = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Stroke DASHED =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {8, 5}, 0);

  private ScalingPlot() {}

  static Plot of(OrderScaling scaling) {
    List<Integer> clients = scaling.clients();
    YIntervalSeriesCollection throughput = new YIntervalSeriesCollection();
    throughput.addSeries(series("orders/s", scaling, clients, m -> m.perSecond(RequestType.ORDER)));
    YIntervalSeriesCollection latency = new YIntervalSeriesCollection();
    latency.addSeries(series("order p50", scaling, clients, m -> m.figures(RequestType.ORDER).p50Ms()));
    latency.addSeries(series("order p99", scaling, clients, m -> m.figures(RequestType.ORDER).p99Ms()));

    LogAxis axis = new LogAxis("closed-loop clients (log scale)");
    axis.setBase(2);
    // One tick per factor of 4: 1, 4, 16, 64.
    axis.setTickUnit(new NumberTickUnit(2));
    axis.setNumberFormatOverride(new DecimalFormat("0"));
    int last = clients.isEmpty() ? 64 : clients.get(clients.size() - 1);
    axis.setRange(0.8, last * 1.25);

    NumberAxis perSecond = new NumberAxis("orders/s (median, bar: min–max)");
    perSecond.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(throughput, axis, perSecond, renderer(List.of(SOLID), THROUGHPUT));

    LatencyAxis ms = new LatencyAxis("order latency (ms, log scale)");
    Range bounds = DatasetUtils.findRangeBounds(latency, true);
    ms.decadesAround(bounds == null ? Double.NaN : bounds.getLowerBound(),
        bounds == null ? Double.NaN : bounds.getUpperBound());
    plot.setRangeAxis(1, ms);
    plot.setDataset(1, latency);
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, renderer(List.of(SOLID, DASHED), LATENCY));
    plot.setRangeMinorGridlinesVisible(true);

    JFreeChart chart = new JFreeChart("Orders only (p=1) against clients, every toy cached", plot);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return new Plot(chart, 960, 560);
  }

  private static YIntervalSeries series(String name, OrderScaling scaling, List<Integer> clients,
      ToDoubleFunction<Measured> figure) {
    YIntervalSeries series = new YIntervalSeries(name, false, true);
    for (int c : clients) {
      Spread spread = scaling.across(c, figure);
      // A log axis cannot show 0 (no order finished): such a point is left out.
      if (spread.min() > 0) {
        series.add(c, spread.median(), spread.min(), spread.max());
      }
    }
    return series;
  }

  /** p50 and orders/s solid with filled circles, p99 dashed with open squares; each with its range bar. */
  private static XYErrorRenderer renderer(List<Stroke> strokes, Color color) {
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    renderer.setUseFillPaint(true);
    renderer.setDrawOutlines(true);
    renderer.setErrorPaint(color);
    for (int i = 0; i < strokes.size(); i++) {
      boolean open = strokes.get(i) == DASHED;
      renderer.setSeriesPaint(i, color);
      renderer.setSeriesFillPaint(i, open ? Color.WHITE : color);
      renderer.setSeriesStroke(i, strokes.get(i));
      renderer.setSeriesOutlineStroke(i, new BasicStroke(1.2f));
      renderer.setSeriesShape(i, open ? new Rectangle2D.Double(-4, -4, 8, 8) : new Ellipse2D.Double(-4.5, -4.5, 9, 9));
    }
    return renderer;
  }
}
