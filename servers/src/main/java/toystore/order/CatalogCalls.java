package toystore.order;

import java.io.IOException;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input.CatalogFailure;
import toystore.order.protocol.Input;
import toystore.order.protocol.Timing;

/**
 * Carries out the core's catalog effects (on a worker thread) and says how each went, as an input.
 * An unexpected reply (a runtime exception from the client) counts as no reply, so that a call the
 * core waits for is always answered (else reconciliation, say, would wait for good).
 */
final class CatalogCalls {
  private CatalogCalls() {}

  static Input carryOut(CatalogClient catalog, Effect effect, Timing timing) {
    if (effect instanceof Effect.Buy buy) {
      try {
        return new Input.Bought(buy.purchase(), catalog.buy(buy.purchase()));
      } catch (ApiException e) {
        // 421: the catalog has seen a newer epoch. Other 4xx (out of stock, unknown toy) go to the client.
        CatalogFailure failure = e.status() == 421 ? CatalogFailure.DEPOSED
            : e.status() < 500 ? CatalogFailure.REFUSED : CatalogFailure.NO_REPLY;
        return new Input.BuyFailed(buy.purchase(), failure, e.status(), e.getMessage());
      } catch (IOException | RuntimeException e) {
        return new Input.BuyFailed(buy.purchase(), CatalogFailure.NO_REPLY, 0, e.getMessage());
      }
    } else if (effect instanceof Effect.FenceCatalog fence) {
      try {
        catalog.fence(fence.epoch());
        return new Input.CatalogFenced(fence.epoch());
      } catch (IOException | RuntimeException e) {
        return new Input.CatalogFenceFailed(fence.epoch(), String.valueOf(e.getMessage()));
      }
    } else if (effect instanceof Effect.ListUnsettled) {
      try {
        return new Input.Unsettled(catalog.unsettled(timing.orphanAge().toMillis()));
      } catch (IOException | RuntimeException e) {
        return new Input.UnsettledFailed(String.valueOf(e.getMessage()));
      }
    } else if (effect instanceof Effect.Settle settle) {
      try {
        catalog.settle(settle.settlement());
        return new Input.Settled(settle.settlement());
      } catch (ApiException e) {
        // Refused (a newer epoch fenced this leader, or the settlement is malformed): nothing changed.
        return new Input.SettleFailed(settle.settlement(),
            e.status() == 421 ? CatalogFailure.DEPOSED : CatalogFailure.REFUSED);
      } catch (IOException | RuntimeException e) {
        return new Input.SettleFailed(settle.settlement(), CatalogFailure.NO_REPLY);
      }
    }
    throw new IllegalArgumentException("not a catalog effect: " + effect);
  }
}
