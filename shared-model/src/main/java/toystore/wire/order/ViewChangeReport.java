package toystore.wire.order;

import java.util.List;

/**
 * A view change a lab replica led, as {@code GET /internal/view-changes} and the agent's
 * {@code GET /services/{name}/view-changes} report it (docs/API.md §4): its epoch, who led, when it
 * began (wall clock, milliseconds since the Unix epoch), each step it finished in order, and why it
 * failed (null once the replica leads).
 */
public record ViewChangeReport(long epoch, int leader, long startedAtMillis, List<Step> steps, String failure) {
  /** The steps of a view change in the order they happen (docs/DESIGN.md "View change"). */
  public enum Kind {
    /** The new epoch was stored on the candidate's own disk (from the frontend's request to lead). */
    NEW_EPOCH,
    /** A majority joined the new epoch (or every peer answered, or the wait ran out). */
    JOINED,
    /** The most complete log's tail was fetched page by page. */
    FETCHED,
    /** The adopted log was written over the candidate's own tail. */
    ADOPTED,
    /** The log was marked as the new epoch's. */
    MARKED,
    /** The adopted log reached a majority: the first commit of the epoch, after which the replica leads. */
    COMMITTED
  }

  /** {@code kind} finished {@code tookMillis} after the step before; {@code skipped} when there was nothing to do. */
  public record Step(Kind kind, double tookMillis, boolean skipped) {}
}
