package toystore.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.ValueAxis;

/**
 * A base-10 logarithmic value axis (JavaFX has none), for latencies whose failover spike is a
 * thousand times the usual: whole decades from {@link #FLOOR} up, a labelled tick per decade (0.1, 1,
 * 10, 100, 1000) and minor ticks at 2..9 times each. Values at or below the floor sit on it.
 */
final class LogAxis extends ValueAxis<Number> {
  /** The lowest value shown: 0.1 ms is below any request's latency here. */
  static final double FLOOR = 0.1;

  LogAxis() {
    // Auto-ranging stays on (the two-bound constructor would turn it off).
    setLowerBound(FLOOR);
    setUpperBound(10);
  }

  @Override
  protected Object autoRange(double minValue, double maxValue, double length, double labelSize) {
    double low = Math.pow(10, Math.floor(Math.log10(Math.max(FLOOR, minValue))));
    double high = Math.pow(10, Math.ceil(Math.log10(Math.max(low * 10, maxValue))));
    return new double[] {low, high};
  }

  @Override
  protected void setRange(Object range, boolean animate) {
    double[] bounds = (double[]) range;
    setLowerBound(bounds[0]);
    setUpperBound(bounds[1]);
    currentLowerBound.set(bounds[0]);
  }

  @Override
  protected Object getRange() {
    return new double[] {getLowerBound(), getUpperBound()};
  }

  @Override
  protected List<Number> calculateTickValues(double length, Object range) {
    double[] bounds = (double[]) range;
    List<Number> ticks = new ArrayList<>();
    for (int exponent = decade(bounds[0]); exponent <= decade(bounds[1]); exponent++) {
      ticks.add(Math.pow(10, exponent));
    }
    return ticks;
  }

  @Override
  protected List<Number> calculateMinorTickMarks() {
    List<Number> minor = new ArrayList<>();
    for (int exponent = decade(getLowerBound()); exponent < decade(getUpperBound()); exponent++) {
      for (int step = 2; step <= 9; step++) {
        minor.add(step * Math.pow(10, exponent));
      }
    }
    return minor;
  }

  @Override
  protected String getTickMarkLabel(Number value) {
    double v = value.doubleValue();
    return v < 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
  }

  @Override
  public double getDisplayPosition(Number value) {
    double fraction = fraction(value.doubleValue());
    return getSide().isVertical() ? (1 - fraction) * getHeight() : fraction * getWidth();
  }

  @Override
  public Number getValueForDisplay(double displayPosition) {
    double length = getSide().isVertical() ? getHeight() : getWidth();
    double fraction = getSide().isVertical() ? 1 - displayPosition / length : displayPosition / length;
    double low = Math.log10(getLowerBound());
    return Math.pow(10, low + fraction * (Math.log10(getUpperBound()) - low));
  }

  @Override
  public boolean isValueOnAxis(Number value) {
    double v = value.doubleValue();
    return v >= getLowerBound() && v <= getUpperBound();
  }

  /** Where {@code value} lies between the bounds, 0 at the lower and 1 at the upper, on the log scale. */
  private double fraction(double value) {
    double low = Math.log10(getLowerBound());
    double high = Math.log10(getUpperBound());
    return (Math.log10(Math.max(value, getLowerBound())) - low) / (high - low);
  }

  private static int decade(double value) {
    return (int) Math.round(Math.log10(value));
  }
}
