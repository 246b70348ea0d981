package toystore.bench;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A vertical log axis for latencies labelled at 1, 2 and 5 of every decade, with minor gridlines at
 * the other digits. LogAxis labels only whole decades, too few to read 14 ms from 40 ms on a plot
 * that spans one decade.
 */
final class LatencyAxis extends LogAxis {
  LatencyAxis(String label) {
    super(label);
    setNumberFormatOverride(new DecimalFormat("0.###"));
    setMinorTickMarksVisible(true);
  }

  /** Whole decades around {@code low..high}, so both ends are labelled; 1..10 when there is no data (NaN). */
  void decadesAround(double low, double high) {
    if (!(low > 0 && high >= low)) {
      setRange(1, 10);
      return;
    }
    double bottom = Math.floor(Math.log10(low));
    double top = Math.max(bottom + 1, Math.ceil(Math.log10(high)));
    setRange(Math.pow(10, bottom), Math.pow(10, top));
  }

  @Override
  protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
    List<LogTick> ticks = new ArrayList<>();
    // Rounded decade by decade: Math.log10 of a bound such as 0.01 is not quite -2.
    long first = Math.round(Math.floor(Math.log10(getLowerBound()) + 1e-9));
    long last = Math.round(Math.ceil(Math.log10(getUpperBound()) - 1e-9));
    for (long decade = first; decade <= last; decade++) {
      for (int digit = 1; digit <= 9; digit++) {
        double value = digit * Math.pow(10, decade);
        if (value < getLowerBound() * (1 - 1e-9) || value > getUpperBound() * (1 + 1e-9)) {
          continue;
        }
        ticks.add(digit == 1 || digit == 2 || digit == 5
            ? new LogTick(TickType.MAJOR, value, createTickLabel(value), anchor)
            : new LogTick(TickType.MINOR, value, null, anchor));
      }
    }
    return ticks;
  }
}
