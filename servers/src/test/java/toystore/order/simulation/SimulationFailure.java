package toystore.order.simulation;

/** An invariant of docs/API.md §3 does not hold (or the protocol threw): the schedule fails. */
final class SimulationFailure extends RuntimeException {
  SimulationFailure(String message) {
    super(message);
  }

  SimulationFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
