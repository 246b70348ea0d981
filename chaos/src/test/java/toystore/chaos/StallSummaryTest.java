package toystore.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import toystore.load.Standstill.Stall;

class StallSummaryTest {
  private static final long START = 1_000_000;

  @Test
  void eachKindGetsTheLongestStallThatOverlapsOneOfItsFaults() {
    List<FaultEvent> events = List.of(
        event(3_000, Fault.Action.KILL_LEADER, "order-3", 40),
        event(6_000, Fault.Action.RESTART, "order-3", 2_000),
        event(9_000, Fault.Action.PAUSE, "order-2", 5),
        event(12_000, Fault.Action.RESUME, "order-2", 5),
        event(15_000, Fault.Action.ISOLATE_LEADER, "order-1", 30),
        event(18_000, Fault.Action.HEAL, "order-1", 30));
    List<Stall> stalls = List.of(
        new Stall(START + 2_990, 300), // began just before the kill: the kill's
        new Stall(START + 7_500, 450), // during the restart's catch-up: still the kill's
        new Stall(START + 8_500, 400), // between the restart and the pause: nobody's
        new Stall(START + 12_004, 900), // until the resume had returned: the pause's
        new Stall(START + 20_000, 2_000)); // after the last heal: nobody's

    List<StallSummary.Line> lines = StallSummary.of(EnumSet.allOf(FaultKind.class), events, stalls);

    assertThat(lines).containsExactly(
        new StallSummary.Line(FaultKind.KILL, 1, Optional.of(stalls.get(1))),
        new StallSummary.Line(FaultKind.PAUSE, 1, Optional.of(stalls.get(3))),
        new StallSummary.Line(FaultKind.PARTITION, 1, Optional.empty()));
    assertThat(StallSummary.render(START, lines).lines().toList()).containsExactly(
        "Longest stall (no client finished an iteration) while a fault was in force:",
        "  kill       0.45 s from +7.5 s (1 fault)",
        "  pause      0.90 s from +12.0 s (1 fault)",
        "  partition  no stall (1 fault)");
  }

  @Test
  void aFaultNeverHealedCountsToTheEndAndAFailedOneNotAtAll() {
    List<FaultEvent> events = List.of(
        new FaultEvent(START + 3_000, Fault.Action.PAUSE_LEADER, "pause the order leader", null, false, "no order leader is known", 0),
        event(6_000, Fault.Action.CUT_FRONTEND_FROM_LEADER, "order-3", 20));
    List<Stall> stalls = List.of(new Stall(START + 3_100, 1_500), new Stall(START + 30_000, 1_200));

    List<StallSummary.Line> lines = StallSummary.of(EnumSet.of(FaultKind.PAUSE, FaultKind.PARTITION), events, stalls);

    assertThat(StallSummary.render(START, lines).lines().toList()).containsExactly(
        "Longest stall (no client finished an iteration) while a fault was in force:",
        "  pause      no fault of this kind was carried out",
        "  partition  1.20 s from +30.0 s (1 fault), over the 1 s of API.md §3.9");
  }

  private static FaultEvent event(long at, Fault.Action action, String service, long took) {
    return new FaultEvent(START + at, action, new Fault(at, action, service).describe(), service, true, "", took);
  }
}
