package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * A benchmark chart and the size it is drawn at, written as PNG (shown in EVALUATION.md) and as SVG
 * (to zoom into, or to put in a paper). Every plot gets one look here. Not a JFreeChart theme: a
 * theme clears the series colors and strokes that tell the lines apart.
 */
record Plot(JFreeChart chart, int width, int height) {
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(205, 205, 205);
  private static final Color MINOR_GRID = new Color(235, 235, 235);

  Plot {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(10, 10, 10, 10));
    chart.getTitle().setFont(TITLE);
    for (Object subtitle : chart.getSubtitles()) {
      style((Title) subtitle);
    }
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.BLACK);
    plot.setOutlineStroke(new BasicStroke(1));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    BasicStroke line = new BasicStroke(1);
    plot.setDomainGridlinePaint(GRID);
    plot.setDomainGridlineStroke(line);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(line);
    plot.setRangeMinorGridlinePaint(MINOR_GRID);
    plot.setRangeMinorGridlineStroke(line);
    style(plot.getDomainAxis());
    style(plot.getRangeAxis());
  }

  /** Writes {@code <name>.png} and {@code <name>.svg} into {@code dir}. */
  void write(Path dir, String name) throws IOException {
    ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, width, height);
    SVGGraphics2D svg = new SVGGraphics2D(width, height);
    // Ids from the name, not the clock: the same results give the same file.
    svg.setDefsKeyPrefix(name + "-");
    chart.draw(svg, new Rectangle(width, height));
    SVGUtils.writeToSVG(dir.resolve(name + ".svg").toFile(), svg.getSVGElement());
  }

  private static void style(Title title) {
    if (title instanceof LegendTitle legend) {
      legend.setItemFont(TICK);
      legend.setBackgroundPaint(Color.WHITE);
      legend.setFrame(BlockBorder.NONE);
    } else if (title instanceof PaintScaleLegend scale) {
      scale.setBackgroundPaint(Color.WHITE);
      style(scale.getAxis());
    }
  }

  private static void style(Axis axis) {
    axis.setLabelFont(LABEL);
    axis.setLabelPaint(Color.BLACK);
    axis.setTickLabelFont(TICK);
    axis.setTickLabelPaint(Color.DARK_GRAY);
  }
}
