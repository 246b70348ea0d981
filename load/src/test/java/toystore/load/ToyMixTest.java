package toystore.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ToyMixTest {
  private static final List<String> TOYS = List.of("Tux", "Whale", "Fox", "Lego");

  @Test
  void aUniformMixDrawsExactlyAsTheLabModelAlwaysHas() {
    ToyMix mix = ToyMix.uniform(TOYS);
    Random mixRandom = new Random(7);
    Random plain = new Random(7);
    for (int i = 0; i < 100; i++) {
      assertThat(mix.pick(mixRandom)).isEqualTo(TOYS.get(plain.nextInt(TOYS.size())));
    }
  }

  @Test
  void aWeightedMixFollowsItsWeightsAndNeverDrawsAZeroWeight() {
    ToyMix mix = ToyMix.weighted(TOYS, List.of(6.0, 3.0, 1.0, 0.0));
    Map<String, Integer> counts = new HashMap<>();
    Random random = new Random(1);
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      counts.merge(mix.pick(random), 1, Integer::sum);
    }
    assertThat(counts).doesNotContainKey("Lego");
    assertThat(counts.get("Tux") / (double) draws).isCloseTo(0.6, within(0.02));
    assertThat(counts.get("Whale") / (double) draws).isCloseTo(0.3, within(0.02));
    assertThat(counts.get("Fox") / (double) draws).isCloseTo(0.1, within(0.02));
  }

  @Test
  void zipfProbabilitiesFallWithRankAndSumToOne() {
    List<Double> probabilities = ToyMix.zipf(TOYS, 1.0).probabilities();
    assertThat(probabilities.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    // 1, 1/2, 1/3, 1/4 over their sum 25/12.
    assertThat(probabilities.get(0)).isCloseTo(12.0 / 25, within(1e-9));
    assertThat(probabilities.get(3)).isCloseTo(3.0 / 25, within(1e-9));
    assertThat(ToyMix.uniform(TOYS).probabilities()).allSatisfy(p -> assertThat(p).isCloseTo(0.25, within(1e-9)));
  }

  @Test
  void badWeightsAreRefused() {
    assertThatThrownBy(() -> ToyMix.weighted(TOYS, List.of(1.0, 1.0))).hasMessageContaining("4 toys need as many weights");
    assertThatThrownBy(() -> ToyMix.weighted(TOYS, List.of(1.0, -1.0, 1.0, 1.0))).hasMessageContaining("not negative");
    assertThatThrownBy(() -> ToyMix.weighted(TOYS, List.of(0.0, 0.0, 0.0, 0.0))).hasMessageContaining("above 0");
    assertThatThrownBy(() -> ToyMix.uniform(List.of())).hasMessageContaining("at least one toy");
  }
}
