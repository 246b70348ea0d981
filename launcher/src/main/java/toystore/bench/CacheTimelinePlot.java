package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.LegendItemSource;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * What the cache held over the timeline: one row per toy (phase 1's most popular on top), one
 * block per sample while the toy is cached, darker the more recently it was used, and a line where
 * the popularity order flips.
 */
final class CacheTimelinePlot {
  private static final Color CACHED = new Color(31, 119, 180);
  private static final Color FLIP = new Color(214, 39, 40);
  private static final BasicStroke FLIP_STROKE =
      new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);

  private CacheTimelinePlot() {}

  static Plot of(CacheTimeline timeline) {
    List<String> toys = timeline.phaseOneOrder();
    XYPlot plot = new XYPlot(blocks(timeline), timeAxis(timeline), toyAxis(timeline), renderer(timeline));
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.addDomainMarker(new ValueMarker(timeline.phaseMs() / 1000.0, FLIP, FLIP_STROKE));

    JFreeChart chart = new JFreeChart(String.format(Locale.ROOT,
        "What the LRU cache (%d of %d toys) holds under a Zipf(s=%.1f) workload",
        timeline.capacity(), toys.size(), timeline.zipfExponent()), plot);
    // The marker's own label would cover cells: the line is named in a legend below instead.
    LegendItemCollection flip = new LegendItemCollection();
    flip.add(new LegendItem("popularity order reversed (phase 2)", null, null, null,
        new Line2D.Double(-12, 0, 12, 0), FLIP_STROKE, FLIP));
    chart.getLegend().setSources(new LegendItemSource[] {() -> flip});
    chart.getLegend().setPosition(RectangleEdge.BOTTOM);
    chart.addSubtitle(recencyLegend(timeline));
    return new Plot(chart, 960, 200 + 26 * toys.size());
  }

  /** x: the sample's start (s), y: the toy's row, z: its place in the LRU order (1 = most recent). */
  private static DefaultXYZDataset blocks(CacheTimeline timeline) {
    List<String> toys = timeline.phaseOneOrder();
    List<double[]> cells = new ArrayList<>();
    for (TimelineSample sample : timeline.samples()) {
      for (int rank = 0; rank < sample.keys().size(); rank++) {
        int row = toys.indexOf(sample.keys().get(rank));
        if (row >= 0) {
          cells.add(new double[] {sample.atMs() / 1000.0, row, rank + 1});
        }
      }
    }
    double[][] series = new double[3][cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      for (int d = 0; d < 3; d++) {
        series[d][i] = cells.get(i)[d];
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("cached", series);
    return data;
  }

  private static NumberAxis timeAxis(CacheTimeline timeline) {
    List<TimelineSample> samples = timeline.samples();
    long endMs = samples.isEmpty() ? 1000 : samples.get(samples.size() - 1).atMs() + timeline.sampleMs();
    NumberAxis time = new NumberAxis("time since the skewed load started (s)");
    time.setRange(0, endMs / 1000.0);
    time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return time;
  }

  private static SymbolAxis toyAxis(CacheTimeline timeline) {
    List<String> toys = timeline.phaseOneOrder();
    String[] labels = new String[toys.size()];
    for (int row = 0; row < toys.size(); row++) {
      labels[row] = String.format(Locale.ROOT, "%s  %.0f%%", toys.get(row), 100 * timeline.phaseOneShare().get(row));
    }
    SymbolAxis axis = new SymbolAxis("toy (share of queries in phase 1)", labels);
    axis.setInverted(true);
    axis.setGridBandPaint(Color.WHITE);
    axis.setGridBandAlternatePaint(new Color(244, 244, 244));
    return axis;
  }

  private static XYBlockRenderer renderer(CacheTimeline timeline) {
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(timeline.sampleMs() / 1000.0);
    renderer.setBlockHeight(0.8);
    renderer.setBlockAnchor(RectangleAnchor.LEFT);
    renderer.setPaintScale(recency(timeline.capacity()));
    return renderer;
  }

  /** Most recently used darkest, least recently used lightest. */
  private static LookupPaintScale recency(int capacity) {
    LookupPaintScale scale = new LookupPaintScale(0.5, capacity + 0.5, Color.WHITE);
    for (int place = 1; place <= capacity; place++) {
      double light = capacity <= 1 ? 0 : 0.6 * (place - 1) / (capacity - 1);
      scale.add(place - 0.5, new Color(blend(CACHED.getRed(), light), blend(CACHED.getGreen(), light),
          blend(CACHED.getBlue(), light)));
    }
    return scale;
  }

  private static int blend(int channel, double towardsWhite) {
    return (int) Math.round(channel + (255 - channel) * towardsWhite);
  }

  private static PaintScaleLegend recencyLegend(CacheTimeline timeline) {
    NumberAxis places = new NumberAxis("place in the cache's LRU order (1 = most recently used)");
    places.setRange(0.5, timeline.capacity() + 0.5);
    places.setTickUnit(new NumberTickUnit(1));
    PaintScaleLegend legend = new PaintScaleLegend(recency(timeline.capacity()), places);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setStripWidth(12);
    legend.setSubdivisionCount(timeline.capacity() * 20);
    legend.setMargin(new RectangleInsets(12, 250, 0, 250));
    return legend;
  }
}
