package toystore.order;

import java.util.Map;
import toystore.http.HttpError;
import toystore.order.protocol.Outcome;

/**
 * The one place where the protocol's outcomes become HTTP answers (docs/API.md lists the statuses
 * and messages; clients and the frontend depend on both).
 */
final class Outcomes {
  private Outcomes() {}

  /**
   * The JSON body of a success; throws the {@link HttpError} of a refusal.
   *
   * @param replica this replica's id, named in the answer to a lead
   */
  static Object toHttp(Outcome outcome, int replica) {
    if (outcome instanceof Outcome.Led led) {
      return Map.of("leader", replica, "epoch", led.epoch());
    } else if (outcome instanceof Outcome.JoinedEpoch joined) {
      return joined.joined();
    } else if (outcome instanceof Outcome.AppendAnswered appended) {
      return appended.appended();
    } else if (outcome instanceof Outcome.Placed placed) {
      return placed.placed();
    } else if (outcome instanceof Outcome.Found found) {
      return found.order();
    }
    throw refusal(outcome);
  }

  private static HttpError refusal(Outcome outcome) {
    if (outcome instanceof Outcome.NotLeader o) {
      return new HttpError(421, o.why());
    } else if (outcome instanceof Outcome.StaleEpoch o) {
      return new HttpError(409, o.why());
    } else if (outcome instanceof Outcome.CatchingUp) {
      return new HttpError(503, "leader is still catching up");
    } else if (outcome instanceof Outcome.NoMajority o) {
      return new HttpError(503, o.why());
    } else if (outcome instanceof Outcome.Settling) {
      return new HttpError(503, "this purchase is being settled; retry");
    } else if (outcome instanceof Outcome.KeyReused) {
      return new HttpError(422, "idempotency key reused with a different order");
    } else if (outcome instanceof Outcome.NotFound) {
      return new HttpError(404, "order not found");
    } else if (outcome instanceof Outcome.DiskFault o) {
      return new HttpError(503, "replica " + o.replica() + " cannot write to its disk");
    } else if (outcome instanceof Outcome.Unavailable o) {
      return new HttpError(503, o.why());
    } else if (outcome instanceof Outcome.CatalogRefused o) {
      return new HttpError(o.status(), o.message());
    } else if (outcome instanceof Outcome.CatalogUnavailable) {
      return new HttpError(503, "catalog unavailable");
    } else if (outcome instanceof Outcome.Retry o) {
      return new HttpError(503, o.why());
    }
    throw new IllegalStateException("no HTTP answer for " + outcome);
  }
}
