package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import toystore.chaos.FaultKind;
import toystore.config.Replication;
import toystore.load.RequestType;

/**
 * The engine comparison's two plots; each point is the median of the rounds, its bar the range.
 * Orders/s against clients per engine, with the bare Ratis counter dashed as the reference; the
 * stall of each fault per engine (a fault an engine did not undergo has no point).
 */
final class EnginePlot {
  static final String THROUGHPUT = "engine-throughput";
  static final String STALLS = "engine-stalls";
  private static final Color LAB = new Color(31, 119, 180);
  private static final Color RAFT = new Color(255, 127, 14);
  private static final Color COUNTER = new Color(110, 110, 110);
  private static final Stroke SOLID = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final Stroke DASHED =
      new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {8, 5}, 0);
  /** The faults in the order of the stall plot's x axis. */
  static final List<FaultKind> FAULTS = List.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION);

  private EnginePlot() {}

  static Plot throughput(EngineComparison comparison) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = renderer();
    int last = 16;
    for (EngineRun engine : comparison.engines()) {
      YIntervalSeries series = new YIntervalSeries(engine.engine().word() + " orders/s", false, true);
      double shift = shift(data.getSeriesCount());
      for (int c : engine.clients()) {
        engine.orders(c, m -> m.perSecond(RequestType.ORDER))
            .ifPresent(s -> series.add(c * shift, s.median(), s.min(), s.max()));
        last = Math.max(last, c);
      }
      style(renderer, data.getSeriesCount(), color(engine.engine()), SOLID, false);
      data.addSeries(series);
    }
    comparison.withCounter().ifPresent(engine -> {
      YIntervalSeries series = new YIntervalSeries(RatisCounterBaseline.ENGINE + " writes/s (reference)", false, true);
      double shift = shift(data.getSeriesCount());
      for (int c : engine.clients()) {
        engine.counter(c, m -> m.perSecond(RequestType.ORDER))
            .ifPresent(s -> series.add(c * shift, s.median(), s.min(), s.max()));
      }
      style(renderer, data.getSeriesCount(), COUNTER, DASHED, true);
      data.addSeries(series);
    });
    LogAxis clients = new LogAxis("closed-loop clients (log scale)");
    clients.setBase(2);
    clients.setTickUnit(new NumberTickUnit(2));
    clients.setNumberFormatOverride(new DecimalFormat("0"));
    clients.setRange(0.8, last * 1.25);
    NumberAxis perSecond = new NumberAxis("per second (median, bar: min–max)");
    perSecond.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, clients, perSecond, renderer);
    JFreeChart chart = new JFreeChart("Orders only (p=1) against clients, per replication engine", plot);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return new Plot(chart, 960, 560);
  }

  static Plot stalls(EngineComparison comparison) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = renderer();
    List<EngineRun> engines = comparison.engines();
    for (int e = 0; e < engines.size(); e++) {
      EngineRun engine = engines.get(e);
      YIntervalSeries series = new YIntervalSeries(engine.engine().word(), false, true);
      // Side by side around each fault's tick, so that the bars do not hide each other.
      double offset = engines.size() == 1 ? 0 : -0.1 + 0.2 * e / (engines.size() - 1);
      for (int f = 0; f < FAULTS.size(); f++) {
        Optional<Spread> stall = engine.stallMs(FAULTS.get(f));
        double x = f + offset;
        stall.ifPresent(s -> series.add(x, s.median(), s.min(), s.max()));
      }
      style(renderer, e, color(engine.engine()), SOLID, false);
      data.addSeries(series);
    }
    renderer.setDefaultLinesVisible(false);
    SymbolAxis faults = new SymbolAxis("fault of the order leader, under load",
        FAULTS.stream().map(EngineReport::faultLabel).toArray(String[]::new));
    faults.setRange(-0.5, FAULTS.size() - 0.5);
    NumberAxis ms = new NumberAxis("longest stall, ms (median, bar: min–max)");
    ms.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, faults, ms, renderer);
    JFreeChart chart = new JFreeChart("Longest time no client finished an iteration, per fault and engine", plot);
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    return new Plot(chart, 960, 560);
  }

  /** Series i a little beside its client count on the log axis (×0.95, ×1, ×1.05, …), so that range bars do not hide each other. */
  private static double shift(int series) {
    return Math.pow(2, 0.07 * (series - 1));
  }

  private static Color color(Replication engine) {
    return engine == Replication.RAFT ? RAFT : LAB;
  }

  private static XYErrorRenderer renderer() {
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDefaultLinesVisible(true);
    renderer.setUseFillPaint(true);
    renderer.setDrawOutlines(true);
    // Range bars solid, also for the dashed reference line.
    renderer.setErrorStroke(new BasicStroke(1.5f));
    return renderer;
  }

  /** The engines solid with filled circles; the reference dashed with open squares. Each bar in its line's color. */
  private static void style(XYErrorRenderer renderer, int series, Color color, Stroke stroke, boolean open) {
    renderer.setSeriesPaint(series, color);
    renderer.setSeriesFillPaint(series, open ? Color.WHITE : color);
    renderer.setSeriesStroke(series, stroke);
    renderer.setSeriesOutlineStroke(series, new BasicStroke(1.2f));
    renderer.setSeriesShape(series, open ? new Rectangle2D.Double(-4, -4, 8, 8) : new Ellipse2D.Double(-4.5, -4.5, 9, 9));
  }
}
