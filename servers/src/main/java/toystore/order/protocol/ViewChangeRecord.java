package toystore.order.protocol;

import java.util.List;
import toystore.wire.order.ViewChangeReport;

/**
 * A view change this replica led, as far as it went, on the core's own clock (docs/DESIGN.md
 * "View change"): the shell turns it into a {@link ViewChangeReport} with a wall-clock start.
 *
 * @param started when the replica was asked to lead
 * @param failure why it did not lead, or null once it leads
 */
public record ViewChangeRecord(long epoch, int leader, long started, List<Step> steps, String failure) {
  /** {@code kind} finished {@code took} after the step before; {@code skipped}: nothing to do. */
  public record Step(ViewChangeReport.Kind kind, long took, boolean skipped) {}
}
