package toystore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import toystore.load.RequestType;

/** Each plot drawn from canned results, as PNG and SVG. */
class PlotTest {
  private static final Color NO_CACHE = new Color(214, 39, 40);
  private static final Color MOST_RECENT = new Color(31, 119, 180);

  @TempDir Path out;

  @Test
  void everyLatencyPlotIsAPngAndAnSvgOfItsSize() throws Exception {
    BenchResults results = BenchFixtures.results(9000, List.of());
    for (RequestType type : RequestType.values()) {
      String name = EvaluationReport.chartName(type);
      LatencyPlot.of(results, type).write(out, name);

      BufferedImage png = png(out.resolve(name + ".png"), 960, 560);
      assertThat(contains(png, NO_CACHE)).as(name + " draws the no-cache series").isTrue();
      svg(out.resolve(name + ".svg"), 960, 560);
    }
  }

  @Test
  void theQueryPlotHasEverySeriesAndTheBaselineOnWholeDecades() {
    Plot query = LatencyPlot.of(BenchFixtures.results(9000, List.of()), RequestType.QUERY);
    XYPlot plot = query.chart().getXYPlot();

    assertThat(seriesNames(plot.getDataset())).containsExactly("no cache p50", "no cache p99", "cache 5 p50",
        "cache 5 p99", "cache 12 p50", "cache 12 p99", "bare Spark p50 (p=0)", "bare Spark p99 (p=0)");
    // The canned figures run from 0.2 ms (cache 12's p50) to 50 ms (no cache's p99).
    assertThat(plot.getRangeAxis().getLowerBound()).isEqualTo(0.1, offset(1e-12));
    assertThat(plot.getRangeAxis().getUpperBound()).isEqualTo(100, offset(1e-9));
    assertThat(plot.getRangeAxis().getLabel()).isEqualTo("latency (ms, log scale)");
    assertThat(plot.getDomainAxis().getLabel()).startsWith("p (probability");
    // Orders start at p=0.2 and the baseline is a query figure only.
    Plot order = LatencyPlot.of(BenchFixtures.results(9000, List.of()), RequestType.ORDER);
    assertThat(seriesNames(order.chart().getXYPlot().getDataset())).doesNotContain("bare Spark p50 (p=0)");
    assertThat(order.chart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(4);
  }

  @Test
  void theLatencyAxisLabelsOneTwoAndFiveOfEveryDecade() {
    LatencyAxis axis = new LatencyAxis("latency");
    axis.decadesAround(0.08, 14);
    Graphics2D g2 = new BufferedImage(100, 400, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      List<?> ticks = axis.refreshTicks(g2, new AxisState(), new Rectangle(0, 0, 100, 400), RectangleEdge.LEFT);
      List<String> labels = new ArrayList<>();
      int minor = 0;
      for (Object tick : ticks) {
        if (((ValueTick) tick).getTickType() == TickType.MAJOR) {
          labels.add(text(((LogTick) tick).getAttributedLabel()));
        } else {
          minor++;
        }
      }
      assertThat(labels).containsExactly("0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20",
          "50", "100");
      assertThat(minor).isEqualTo(4 * 6);
    } finally {
      g2.dispose();
    }
    axis.decadesAround(Double.NaN, Double.NaN);
    assertThat(List.of(axis.getLowerBound(), axis.getUpperBound())).containsExactly(1.0, 10.0);
  }

  @Test
  void theScalingPlotHasOrdersPerSecondAndBothLatenciesAgainstClientsOnALogAxis() throws Exception {
    Plot scaling = ScalingPlot.of(BenchFixtures.orderScaling(false));
    XYPlot plot = scaling.chart().getXYPlot();

    assertThat(seriesNames(plot.getDataset(0))).containsExactly("orders/s");
    assertThat(seriesNames(plot.getDataset(1))).containsExactly("order p50", "order p99");
    assertThat(plot.getDomainAxis()).isInstanceOf(org.jfree.chart.axis.LogAxis.class);
    assertThat(plot.getDataset(0).getItemCount(0)).isEqualTo(4);
    assertThat(plot.getDataset(0).getXValue(0, 3)).isEqualTo(64);
    // 64 clients: the median of 1016.7 and 1033.3 orders/s, the bar from one to the other.
    var throughput = (org.jfree.data.xy.YIntervalSeriesCollection) plot.getDataset(0);
    assertThat(throughput.getYValue(0, 3)).isEqualTo(1025, offset(1e-9));
    assertThat(throughput.getStartYValue(0, 3)).isEqualTo(3050 / 3.0, offset(1e-9));
    assertThat(plot.getRangeAxis(1).getLabel()).isEqualTo("order latency (ms, log scale)");

    scaling.write(out, OrderScalingReport.PLOT);
    png(out.resolve(OrderScalingReport.PLOT + ".png"), 960, 560);
    svg(out.resolve(OrderScalingReport.PLOT + ".svg"), 960, 560);
  }

  @Test
  void theCacheTimelineIsAPngAndAnSvgWithARowPerToy() throws Exception {
    CacheTimeline timeline = BenchFixtures.results(9000, List.of()).timeline();
    CacheTimelinePlot.of(timeline).write(out, EvaluationReport.TIMELINE);

    int height = 200 + 26 * timeline.phaseOneOrder().size();
    BufferedImage png = png(out.resolve(EvaluationReport.TIMELINE + ".png"), 960, height);
    assertThat(contains(png, MOST_RECENT)).as("most recently used toys are drawn darkest").isTrue();
    svg(out.resolve(EvaluationReport.TIMELINE + ".svg"), 960, height);
    // 16 samples of 5 cached toys each.
    XYDataset blocks = CacheTimelinePlot.of(timeline).chart().getXYPlot().getDataset();
    assertThat(blocks.getItemCount(0)).isEqualTo(80);
  }

  private static BufferedImage png(Path file, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as(file + " is a PNG").isNotNull();
    assertThat(List.of(image.getWidth(), image.getHeight())).as(file.toString()).containsExactly(width, height);
    return image;
  }

  private static void svg(Path file, int width, int height) throws Exception {
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    // The file names the SVG 1.1 DTD: parse without fetching it.
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element root = xml.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(Double.parseDouble(root.getAttribute("width"))).isEqualTo(width);
    assertThat(Double.parseDouble(root.getAttribute("height"))).isEqualTo(height);
    assertThat(root.getElementsByTagName("text").getLength()).as("labels are text").isGreaterThan(10);
  }

  private static String text(AttributedString label) {
    StringBuilder text = new StringBuilder();
    CharacterIterator chars = label.getIterator();
    for (char c = chars.first(); c != CharacterIterator.DONE; c = chars.next()) {
      text.append(c);
    }
    return text.toString();
  }

  private static List<String> seriesNames(XYDataset data) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      names.add(data.getSeriesKey(i).toString());
    }
    return names;
  }

  private static boolean contains(BufferedImage image, Color color) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
          return true;
        }
      }
    }
    return false;
  }
}
