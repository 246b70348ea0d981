package toystore.wire.catalog;

import java.util.List;

/**
 * The catalog's answer to a {@link PurchaseBatch}: one item per purchase, in the same order.
 *
 * @param items each either bought ({@code bought}) or refused ({@code status} and {@code error}, as
 *     a single purchase's reply would have said them: 404, 409, 421, 422, 503)
 */
public record PurchaseBatchResult(List<Item> items) {
  public record Item(PurchaseResult bought, int status, String error) {
    public static Item of(PurchaseResult bought) {
      return new Item(bought, 0, null);
    }

    public static Item refused(int status, String error) {
      return new Item(null, status, error);
    }
  }
}
