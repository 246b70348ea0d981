package toystore.order.protocol;

import toystore.wire.catalog.CatalogItem;
import toystore.wire.order.Messages;

/** A place request waiting for its entry's commit; {@code item} is the toy after the purchase, or null. */
record Waiter(Call call, Messages.PlaceOrder order, CatalogItem item) {}
