package toystore.order;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input.CatalogFailure;
import toystore.order.protocol.Input;
import toystore.order.protocol.Timing;
import toystore.wire.catalog.Purchase;
import toystore.wire.catalog.PurchaseBatch;
import toystore.wire.catalog.PurchaseBatchResult;

/**
 * Carries out the core's catalog effects (on a worker thread) and says how each went, as inputs.
 * An unexpected reply (a runtime exception from the client) counts as no reply, so that a call the
 * core waits for is always answered (else reconciliation, say, would wait for good).
 */
final class CatalogCalls {
  private CatalogCalls() {}

  /** Buys a batch of the core's purchases in one call: one input per purchase, in order. */
  static List<Input> buy(CatalogClient catalog, PurchaseBatch batch) {
    List<Purchase> purchases = batch.items().stream().map(PurchaseBatch.Item::purchase).toList();
    try {
      List<PurchaseBatchResult.Item> answers = catalog.buy(batch).items();
      List<Input> inputs = new ArrayList<>();
      for (int i = 0; i < purchases.size(); i++) {
        PurchaseBatchResult.Item answer = answers.get(i);
        inputs.add(answer.bought() != null ? new Input.Bought(purchases.get(i), answer.bought())
            : refused(purchases.get(i), answer.status(), answer.error()));
      }
      return inputs;
    } catch (ApiException e) {
      return purchases.stream().map(p -> refused(p, e.status(), e.getMessage())).toList();
    } catch (IOException | RuntimeException e) {
      return purchases.stream()
          .<Input>map(p -> new Input.BuyFailed(p, CatalogFailure.NO_REPLY, 0, e.getMessage())).toList();
    }
  }

  private static Input refused(Purchase purchase, int status, String message) {
    // 421: the catalog has seen a newer epoch. Other 4xx (out of stock, unknown toy) go to the client.
    CatalogFailure failure = status == 421 ? CatalogFailure.DEPOSED
        : status < 500 ? CatalogFailure.REFUSED : CatalogFailure.NO_REPLY;
    return new Input.BuyFailed(purchase, failure, status, message);
  }

  /** Fences, lists or settles: the core's other catalog effects, one call each. */
  static Input carryOut(CatalogClient catalog, Effect effect, Timing timing) {
    if (effect instanceof Effect.FenceCatalog fence) {
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
