package toystore.load;

import java.util.List;

/**
 * Live figures of a running load, for a progress bar or a dashboard.
 *
 * @param plannedIterations clients × iterations, or 0 when the run lasts until stopped
 */
public record LoadSnapshot(
    Phase phase,
    long elapsedMs,
    long iterations,
    long plannedIterations,
    long ordersAcknowledged,
    long clientVisibleErrors,
    List<RequestFigures> requests) {

  /** Where the run is: clients query and order while RUNNING, read their orders back while VERIFYING. */
  public enum Phase {
    NOT_STARTED,
    RUNNING,
    VERIFYING,
    DONE
  }

  public RequestFigures figures(RequestType type) {
    return requests.stream().filter(f -> f.type() == type).findFirst().orElseThrow();
  }
}
