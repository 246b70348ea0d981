package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import toystore.wire.order.ViewChangeReport;
import toystore.wire.order.ViewChangeReport.Kind;

/**
 * The terms a Raft replica led, as view changes (docs/DESIGN.md "Raft engine"): each starts when it
 * last heard from a leader, its steps are timed on its own clock, a term ends reported once taken
 * over or failed, and only the last {@link LeaderTerms#HISTORY} are kept.
 */
class LeaderTermsTest {
  private static final long MS = 1_000_000;
  /** Wall clock minus the replica's clock: its clock reads 0 at wall time 1,000,000 ms. */
  private static final long OFFSET = 1_000_000 * MS;

  private final AtomicLong clock = new AtomicLong();
  private final LeaderTerms terms = new LeaderTerms(2, clock::get, OFFSET);

  private void at(long millis) {
    clock.set(millis * MS);
  }

  @Test
  void aTermStartsWhenItLastHeardFromTheLeaderAndItsStepsAreTimed() {
    at(1000);
    terms.heardFromLeader(100);
    at(1500);
    terms.elected(7);
    at(1530);
    terms.committed(7);
    at(1580);
    terms.takenOver(7);

    assertThat(terms.reports()).containsExactly(new ViewChangeReport(7, 2, 1_000_900, List.of(
        new ViewChangeReport.Step(Kind.ELECTED, 600, false),
        new ViewChangeReport.Step(Kind.COMMITTED, 30, false),
        new ViewChangeReport.Step(Kind.TAKEN_OVER, 50, false)), null));
  }

  @Test
  void aTermNotYetTakenOverIsNotReportedAndOneLeftBeforeItIsAFailure() {
    at(10);
    terms.elected(1);
    terms.committed(1);
    assertThat(terms.reports()).isEmpty();

    at(40);
    terms.steppedDown();
    // The step-down is the last word of a leader: the next term is timed from it.
    at(900);
    terms.elected(3);
    terms.takenOver(3);

    List<ViewChangeReport> reports = terms.reports();
    assertThat(reports).extracting(ViewChangeReport::epoch).containsExactly(1L, 3L);
    assertThat(reports.get(0).failure()).isEqualTo("stepped down before taking over term 1");
    assertThat(reports.get(0).steps()).extracting(ViewChangeReport.Step::kind).containsExactly(Kind.ELECTED, Kind.COMMITTED);
    assertThat(reports.get(1).startedAtMillis()).isEqualTo(1_000_040);
    assertThat(reports.get(1).failure()).isNull();
  }

  @Test
  void aFencedOutTermIsReportedAsSuchAndCompletedShouldTheFenceHoldLater() {
    terms.elected(4);
    terms.committed(4);
    terms.fencedOut(4, "the catalog has seen epoch 9 above term 4");
    terms.fencedOut(4, "the catalog has seen epoch 9 above term 4");
    assertThat(terms.reports()).singleElement()
        .extracting(ViewChangeReport::failure).isEqualTo("the catalog has seen epoch 9 above term 4");

    terms.takenOver(4);
    assertThat(terms.reports()).singleElement().satisfies(report -> {
      assertThat(report.failure()).isNull();
      assertThat(report.steps()).extracting(ViewChangeReport.Step::kind)
          .containsExactly(Kind.ELECTED, Kind.COMMITTED, Kind.TAKEN_OVER);
    });
  }

  @Test
  void onlyTheLastSixteenAreKept() {
    for (long term = 1; term <= 20; term++) {
      terms.elected(term);
      terms.committed(term);
      terms.takenOver(term);
      terms.steppedDown();
    }
    assertThat(terms.reports()).hasSize(LeaderTerms.HISTORY)
        .extracting(ViewChangeReport::epoch).startsWith(5L).endsWith(20L);
  }
}
