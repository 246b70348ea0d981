package toystore.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart as a PNG, drawn with Java2D (headless): x on a linear axis with given ticks, y on a
 * log axis (latencies here span two or three decades), a legend on the right. Small on purpose:
 * the benchmark's plots need nothing more, and a charting library would add megabytes to the jar.
 */
final class LineChart {
  record Point(double x, double y) {}

  /** One line; {@code dashed} tells p99 from p50 in the same color. */
  record Series(String name, Color color, boolean dashed, List<Point> points) {
    Series {
      points = List.copyOf(points);
    }
  }

  private static final int WIDTH = 960;
  private static final int HEIGHT = 560;
  private static final int LEFT = 90;
  private static final int TOP = 60;
  private static final int RIGHT = 250;
  private static final int BOTTOM = 70;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Double> xTicks;
  private final List<Series> series = new ArrayList<>();

  LineChart(String title, String xLabel, String yLabel, List<Double> xTicks) {
    if (xTicks.size() < 2) {
      throw new IllegalArgumentException("at least two x ticks are needed");
    }
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.xTicks = List.copyOf(xTicks);
  }

  LineChart add(Series line) {
    series.add(line);
    return this;
  }

  void writePng(Path file) throws IOException {
    ImageIO.write(render(), "png", file.toFile());
  }

  BufferedImage render() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      Axes axes = axes();
      drawAxes(g, axes);
      for (Series line : series) {
        drawSeries(g, axes, line);
      }
      drawLegend(g);
      g.setColor(Color.BLACK);
      g.setFont(TITLE);
      centered(g, title, LEFT + plotWidth() / 2, TOP - 25);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The value range: x from the ticks, y whole decades around every positive value. */
  private record Axes(double xMin, double xMax, double yLogMin, double yLogMax) {}

  private Axes axes() {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Series line : series) {
      for (Point point : line.points()) {
        if (point.y() > 0) {
          min = Math.min(min, point.y());
          max = Math.max(max, point.y());
        }
      }
    }
    if (max == 0) {
      min = 1;
      max = 10;
    }
    double logMin = Math.floor(Math.log10(min));
    double logMax = Math.max(logMin + 1, Math.ceil(Math.log10(max)));
    return new Axes(xTicks.get(0), xTicks.get(xTicks.size() - 1), logMin, logMax);
  }

  private int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private double px(Axes axes, double x) {
    return LEFT + (x - axes.xMin()) / (axes.xMax() - axes.xMin()) * plotWidth();
  }

  private double py(Axes axes, double y) {
    double fraction = (Math.log10(y) - axes.yLogMin()) / (axes.yLogMax() - axes.yLogMin());
    return TOP + plotHeight() - fraction * plotHeight();
  }

  private void drawAxes(Graphics2D g, Axes axes) {
    g.setFont(TICK);
    for (int decade = (int) axes.yLogMin(); decade <= axes.yLogMax(); decade++) {
      for (int mantissa : new int[] {1, 2, 5}) {
        double value = mantissa * Math.pow(10, decade);
        if (Math.log10(value) > axes.yLogMax() + 1e-9) {
          continue;
        }
        int y = (int) Math.round(py(axes, value));
        g.setColor(mantissa == 1 ? new Color(210, 210, 210) : new Color(235, 235, 235));
        g.drawLine(LEFT, y, LEFT + plotWidth(), y);
        g.setColor(Color.DARK_GRAY);
        String label = number(value);
        g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
      }
    }
    for (double tick : xTicks) {
      int x = (int) Math.round(px(axes, tick));
      g.setColor(new Color(235, 235, 235));
      g.drawLine(x, TOP, x, TOP + plotHeight());
      g.setColor(Color.DARK_GRAY);
      centered(g, number(tick), x, TOP + plotHeight() + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotWidth(), plotHeight());
    g.setFont(LABEL);
    centered(g, xLabel, LEFT + plotWidth() / 2, HEIGHT - 22);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    centered(rotated, yLabel, -(TOP + plotHeight() / 2), 24);
    rotated.dispose();
  }

  private void drawSeries(Graphics2D g, Axes axes, Series line) {
    List<Point> points = line.points().stream().filter(p -> p.y() > 0).toList();
    if (points.isEmpty()) {
      return;
    }
    g.setColor(line.color());
    Path2D path = new Path2D.Double();
    for (int i = 0; i < points.size(); i++) {
      double x = px(axes, points.get(i).x());
      double y = py(axes, points.get(i).y());
      if (i == 0) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    g.setStroke(stroke(line.dashed()));
    g.draw(path);
    g.setStroke(new BasicStroke(1));
    for (Point point : points) {
      marker(g, line, px(axes, point.x()), py(axes, point.y()));
    }
  }

  private static Stroke stroke(boolean dashed) {
    return dashed
        ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {8, 5}, 0)
        : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /** Filled circles for solid lines, open squares for dashed ones. */
  private static void marker(Graphics2D g, Series line, double x, double y) {
    int cx = (int) Math.round(x);
    int cy = (int) Math.round(y);
    if (line.dashed()) {
      g.setColor(Color.WHITE);
      g.fillRect(cx - 4, cy - 4, 8, 8);
      g.setColor(line.color());
      g.drawRect(cx - 4, cy - 4, 8, 8);
    } else {
      g.setColor(line.color());
      g.fillOval(cx - 4, cy - 4, 9, 9);
    }
  }

  private void drawLegend(Graphics2D g) {
    g.setFont(TICK);
    int x = LEFT + plotWidth() + 20;
    int y = TOP + 10;
    for (Series line : series) {
      g.setColor(line.color());
      g.setStroke(stroke(line.dashed()));
      g.drawLine(x, y, x + 34, y);
      g.setStroke(new BasicStroke(1));
      marker(g, line, x + 17, y);
      g.setColor(Color.BLACK);
      g.drawString(line.name(), x + 44, y + 4);
      y += 24;
    }
  }

  private static void centered(Graphics2D g, String text, int x, int y) {
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, x - metrics.stringWidth(text) / 2, y);
  }

  /** 0.2, 5, 1000: as short as the value allows. */
  static String number(double value) {
    if (value == Math.rint(value)) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.3f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
