package toystore.load;

import java.util.List;

/**
 * Everything a finished load run measured and saw.
 *
 * @param runId prefix of every idempotency key of the run, so runs never share keys
 * @param startedAtMs epoch milliseconds
 * @param durationMs from start until every client had read its orders back
 * @param outOfStock orders answered 409 (the stock went between query and order)
 * @param orders every order acknowledged with 200, by number
 * @param errors every client-visible error, by time
 * @param mismatches acknowledged orders that did not read back as recorded
 */
public record LoadReport(
    String runId,
    LoadSettings settings,
    long startedAtMs,
    long durationMs,
    long iterations,
    long outOfStock,
    long clientVisibleErrors,
    List<RequestFigures> requests,
    List<AckedOrder> orders,
    List<ClientError> errors,
    List<Mismatch> mismatches) {

  public RequestFigures figures(RequestType type) {
    return requests.stream().filter(f -> f.type() == type).findFirst().orElseThrow();
  }

  /** Whether every acknowledged order read back as recorded. */
  public boolean passed() {
    return mismatches.isEmpty();
  }
}
