package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.text.Text;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import toystore.gui.FaultBand.Kind;
import toystore.gui.TimeChart.Band;

class TimeChartTest {
  private static final Band KILL = new Band(3, 9.5, Kind.KILL, "order-2 killed");
  private static final Band PAUSE = new Band(12, null, Kind.PAUSE, "order-3 paused");

  /** A chart holds axes and labels, which need the FX toolkit running (Monocle under Maven). */
  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void theSameBandsAgainLeaveTheNodesAsTheyAre() throws Exception {
    TimeChart chart = fx(() -> new TimeChart(new NumberAxis(), new NumberAxis()));
    List<Node> first = fx(() -> {
      chart.setBands(List.of(KILL, PAUSE));
      return bandNodes(chart);
    });
    List<Node> again = fx(() -> {
      // Equal bands, not the same objects: as each poll makes them.
      chart.setBands(List.of(new Band(3, 9.5, Kind.KILL, "order-2 killed"),
          new Band(12, null, Kind.PAUSE, "order-3 paused")));
      return bandNodes(chart);
    });

    assertThat(first).hasSize(4);
    assertThat(again).hasSize(4);
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i)).isSameAs(first.get(i));
    }
  }

  @Test
  void aChangeReusesTheNodesItKeeps() throws Exception {
    TimeChart chart = fx(() -> new TimeChart(new NumberAxis(), new NumberAxis()));
    List<Node> two = fx(() -> {
      chart.setBands(List.of(KILL, PAUSE));
      return bandNodes(chart);
    });
    Band healed = new Band(12, 20.0, Kind.PAUSE, "order-3 paused");
    List<Node> one = fx(() -> {
      chart.setBands(List.of(healed));
      return bandNodes(chart);
    });

    assertThat(one).hasSize(2).allMatch(two::contains);
    assertThat(one.get(0).getStyleClass()).containsExactly("band", "band-pause");
    assertThat(((Text) one.get(1)).getText()).isEqualTo("order-3 paused");
    assertThat(fx(() -> {
      chart.setBands(List.of());
      return bandNodes(chart);
    })).isEmpty();
  }

  /** The bands' rectangles, then their labels. */
  private static List<Node> bandNodes(TimeChart chart) {
    List<Node> nodes = new ArrayList<>(chart.lookupAll(".band"));
    nodes.addAll(chart.lookupAll(".band-label"));
    return nodes;
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
  }
}
