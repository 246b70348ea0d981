package toystore.order.protocol;

import java.util.List;
import toystore.wire.order.ViewChangeReport;

/**
 * A view change a replica led, as far as it went, on its own clock ({@code System.nanoTime()};
 * docs/DESIGN.md "View change", "Raft engine"): the shell turns it into a {@link ViewChangeReport}
 * with a wall-clock start.
 *
 * @param started when the replica was asked to lead (raft: when it last heard from a leader)
 * @param failure why it did not lead, or null once it leads
 */
public record ViewChangeRecord(long epoch, int leader, long started, List<Step> steps, String failure) {
  /** {@code kind} finished {@code took} after the step before; {@code skipped}: nothing to do. */
  public record Step(ViewChangeReport.Kind kind, long took, boolean skipped) {}

  /**
   * The wall clock minus {@code System.nanoTime()}, in nanoseconds: read once when a replica starts,
   * so each view change it reports is dated the same way at every read.
   */
  public static long wallMinusNanos() {
    return System.currentTimeMillis() * 1_000_000 - System.nanoTime();
  }

  /** As {@code GET /internal/view-changes} answers it (docs/API.md §4), dated with the replica's fixed offset. */
  public ViewChangeReport report(long wallMinusNanos) {
    return new ViewChangeReport(epoch, leader, (started + wallMinusNanos) / 1_000_000,
        steps.stream().map(s -> new ViewChangeReport.Step(s.kind(), s.took() / 1e6, s.skipped())).toList(), failure);
  }
}
