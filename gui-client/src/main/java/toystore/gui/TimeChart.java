package toystore.gui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A line chart over the seconds of a load run with fault bands drawn behind the lines: a translucent
 * rectangle per band across the plot's height, coloured by kind (dashboard.css {@code band-kill},
 * {@code band-pause}, {@code band-partition}, {@code band-disk}) and labelled at its top. Bands outside the shown seconds
 * are not drawn; one still open reaches the right edge.
 */
final class TimeChart extends LineChart<Number, Number> {
  /** One band in the chart's own units: seconds since the run started; {@code to} null while open. */
  record Band(double from, Double to, FaultBand.Kind kind, String label) {
    /** Whether any of it lies at or after second {@code from}. */
    boolean reaches(double from) {
      return to == null || to >= from;
    }
  }

  private List<Band> bands = List.of();
  private final List<Rectangle> rectangles = new ArrayList<>();
  private final List<Text> labels = new ArrayList<>();

  TimeChart(NumberAxis time, Axis<Number> value) {
    super(time, value);
  }

  /**
   * FX thread. Draws {@code next} instead of the bands drawn; nothing changes when they are the same
   * (every poll asks), and a change reuses the nodes already on the plot, adding or removing only
   * the difference in number.
   */
  void setBands(List<Band> next) {
    if (next.equals(bands)) {
      return;
    }
    bands = List.copyOf(next);
    while (rectangles.size() < bands.size()) {
      Rectangle rectangle = new Rectangle();
      rectangle.setMouseTransparent(true);
      Text label = new Text();
      label.getStyleClass().add("band-label");
      label.setMouseTransparent(true);
      rectangles.add(rectangle);
      labels.add(label);
      // Behind the series' lines, which the chart adds to the plot children first.
      getPlotChildren().add(0, rectangle);
      getPlotChildren().add(label);
    }
    while (rectangles.size() > bands.size()) {
      getPlotChildren().remove(rectangles.remove(rectangles.size() - 1));
      getPlotChildren().remove(labels.remove(labels.size() - 1));
    }
    for (int i = 0; i < bands.size(); i++) {
      Band band = bands.get(i);
      rectangles.get(i).getStyleClass().setAll("band", "band-" + band.kind().name().toLowerCase());
      labels.get(i).setText(band.label());
    }
    requestChartLayout();
  }

  @Override
  protected void layoutPlotChildren() {
    super.layoutPlotChildren();
    NumberAxis time = (NumberAxis) getXAxis();
    double width = time.getWidth();
    double height = getYAxis().getHeight();
    double shownFrom = time.getLowerBound();
    double shownTo = time.getUpperBound();
    for (int i = 0; i < bands.size(); i++) {
      Band band = bands.get(i);
      double to = band.to() == null ? shownTo : band.to();
      boolean visible = to >= shownFrom && band.from() <= shownTo;
      double left = visible ? Math.max(0, time.getDisplayPosition(Math.max(band.from(), shownFrom))) : 0;
      double right = visible ? Math.min(width, time.getDisplayPosition(Math.min(to, shownTo))) : 0;
      Rectangle rectangle = rectangles.get(i);
      rectangle.setVisible(visible);
      rectangle.setX(left);
      rectangle.setY(0);
      // At least 2 px, so a fault shorter than a poll still shows.
      rectangle.setWidth(Math.max(2, right - left));
      rectangle.setHeight(height);
      Text label = labels.get(i);
      label.setVisible(visible);
      label.setX(left + 3);
      label.setY(12 + 12 * (i % 3));
    }
  }
}
