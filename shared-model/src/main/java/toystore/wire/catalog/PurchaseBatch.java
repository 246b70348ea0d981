package toystore.wire.catalog;

import java.util.List;

/**
 * {@code POST /internal/buy}: purchases for an order leader, bought in one request (and, in the
 * catalog, in one transaction where they arrive together); each is bought or refused on its own.
 *
 * @param items in the order they are to be bought
 */
public record PurchaseBatch(List<Item> items) {
  /**
   * @param requestId the order request this purchase is for, so that the catalog's log line for it
   *     carries that request's id (null: none)
   */
  public record Item(Purchase purchase, String requestId) {}
}
