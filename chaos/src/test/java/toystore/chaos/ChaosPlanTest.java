package toystore.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {
  private static final List<String> REPLICAS = List.of("order-1", "order-2", "order-3");
  private static final List<String> OTHERS = List.of("catalog", "frontend");

  private static List<Fault> plan(long seed, Targets targets, double ratio) {
    return ChaosPlan.create(seed, Duration.ofSeconds(60), Duration.ofSeconds(3), targets, ratio, REPLICAS, OTHERS);
  }

  @Test
  void theSameSeedGivesTheSamePlan() {
    assertThat(plan(7, Targets.ALL, 0.5)).isEqualTo(plan(7, Targets.ALL, 0.5));
    assertThat(plan(7, Targets.ALL, 0.5)).isNotEqualTo(plan(8, Targets.ALL, 0.5));
  }

  @Test
  void everyKillIsFollowedByTheRestartOfItsVictim() {
    List<Fault> plan = plan(3, Targets.ALL, 0.3);

    assertThat(plan).hasSize(19); // at 3 s, 6 s, … 57 s
    assertThat(plan.get(0).offsetMs()).isEqualTo(3000);
    for (int i = 0; i < plan.size(); i++) {
      Fault fault = plan.get(i);
      if (i % 2 == 0) {
        assertThat(fault.action()).isNotEqualTo(Fault.Action.RESTART);
      } else {
        assertThat(fault.action()).isEqualTo(Fault.Action.RESTART);
        assertThat(fault.service()).isEqualTo(plan.get(i - 1).service());
      }
    }
  }

  @Test
  void orderTargetsNeverTouchTheOtherServices() {
    for (long seed = 0; seed < 20; seed++) {
      assertThat(plan(seed, Targets.ORDER, 0.2)).allSatisfy(f -> assertThat(f.service()).isNotIn("catalog", "frontend"));
    }
    assertThat(plan(1, Targets.ALL, 0)).filteredOn(f -> f.action() == Fault.Action.KILL).extracting(Fault::service)
        .containsAnyOf("catalog", "frontend");
  }

  @Test
  void theRatioDecidesHowOftenTheLeaderIsTheTarget() {
    assertThat(plan(1, Targets.ORDER, 1)).filteredOn(f -> f.action() != Fault.Action.RESTART)
        .allSatisfy(f -> assertThat(f.action()).isEqualTo(Fault.Action.KILL_LEADER));
    assertThat(plan(1, Targets.ORDER, 0)).noneSatisfy(f -> assertThat(f.action()).isEqualTo(Fault.Action.KILL_LEADER));
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> plan(1, Targets.ORDER, 1.5)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> Targets.parse("some")).hasMessage("targets must be order or all, not 'some'");
    assertThat(Targets.parse("ALL")).isEqualTo(Targets.ALL);
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    DurationConverter converter = new DurationConverter();

    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("3s")).isEqualTo(Duration.ofSeconds(3));
    assertThat(converter.convert("20")).isEqualTo(Duration.ofSeconds(20));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("not a duration");
  }
}
