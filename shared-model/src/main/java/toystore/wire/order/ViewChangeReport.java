package toystore.wire.order;

import java.util.List;

/**
 * A view change a replica led — in lab mode a new epoch, in raft mode a Raft term it was elected
 * to lead — as {@code GET /internal/view-changes} and the agent's {@code GET /services/{name}/view-changes}
 * report it (docs/API.md §4): its epoch (the term in raft mode), who led, when it began (wall clock,
 * milliseconds since the Unix epoch), each step it finished in order, and why it failed (null once
 * the replica leads).
 */
public record ViewChangeReport(long epoch, int leader, long startedAtMillis, List<Step> steps, String failure) {
  /**
   * The steps of a view change in the order they happen. The lab engine reports {@code NEW_EPOCH},
   * {@code JOINED}, {@code FETCHED}, {@code ADOPTED}, {@code MARKED} and {@code COMMITTED}
   * (docs/DESIGN.md "View change"); the Raft engine {@code ELECTED}, {@code COMMITTED} and
   * {@code TAKEN_OVER} (docs/DESIGN.md "Raft engine").
   */
  public enum Kind {
    /** Lab: the new epoch was stored on the candidate's own disk (from the frontend's request to lead). */
    NEW_EPOCH,
    /** Lab: a majority joined the new epoch (or every peer answered, or the wait ran out). */
    JOINED,
    /** Lab: the most complete log's tail was fetched page by page. */
    FETCHED,
    /** Lab: the adopted log was written over the candidate's own tail. */
    ADOPTED,
    /** Lab: the log was marked as the new epoch's. */
    MARKED,
    /** Raft: Ratis made the replica leader of the term (its election won). */
    ELECTED,
    /**
     * The first commit of the epoch. Lab: the adopted log reached a majority, after which the replica
     * leads. Raft: the term's first entry (Ratis's start-up entry) committed and applied, so every
     * earlier entry that will ever commit is applied.
     */
    COMMITTED,
    /** Raft: the catalog fenced with the term; from here the leader takes orders. */
    TAKEN_OVER
  }

  /** {@code kind} finished {@code tookMillis} after the step before; {@code skipped} when there was nothing to do. */
  public record Step(Kind kind, double tookMillis, boolean skipped) {}
}
