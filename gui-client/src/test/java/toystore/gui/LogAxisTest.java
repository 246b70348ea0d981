package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class LogAxisTest {
  private final LogAxis axis = new LogAxis();

  /** A chart axis holds labels, which need the FX toolkit running (Monocle under Maven). */
  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void theRangeIsWholeDecadesFromTheFloorUp() {
    assertThat((double[]) axis.autoRange(0.02, 850, 300, 10)).containsExactly(0.1, 1000);
    assertThat((double[]) axis.autoRange(3, 40, 300, 10)).containsExactly(1, 100);
    // One decade at least, even when every value is the same.
    assertThat((double[]) axis.autoRange(5, 5, 300, 10)).containsExactly(1, 10);
  }

  @Test
  void aLabelledTickPerDecadeAndMinorTicksBetween() {
    List<Number> ticks = axis.calculateTickValues(300, new double[] {0.1, 1000});

    assertThat(ticks).extracting(Number::doubleValue).containsExactly(0.1, 1.0, 10.0, 100.0, 1000.0);
    assertThat(ticks).extracting(axis::getTickMarkLabel).containsExactly("0.1", "1", "10", "100", "1000");
    axis.setRange(new double[] {1, 100}, false);
    assertThat(axis.calculateMinorTickMarks()).hasSize(16).first().isEqualTo(2.0);
  }
}
