package toystore.order;

/**
 * Who reads a replica's log page: a peer catching up is protocol traffic (counted on {@code /metrics},
 * docs/DESIGN.md "Protocol activity"); the agent, the audit and the dashboard only observe.
 */
public enum LogReader {
  PEER,
  OBSERVER;

  /** The {@code reader} query parameter of {@code GET /internal/log} (docs/API.md §4): {@code peer} or absent. */
  static LogReader of(String parameter) {
    return "peer".equals(parameter) ? PEER : OBSERVER;
  }
}
