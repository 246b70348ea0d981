package toystore.wire.catalog;

import java.util.List;
import toystore.model.IdempotencyKey;

/**
 * The order leader's verdict on old purchases: {@code ordered} keys are in the committed order log;
 * {@code orphaned} keys never became an order (the buyer gave up), so their stock goes back. Only
 * the leader of the newest {@code epoch} the catalog has seen may settle (else 421).
 * {@code boughtBeforeMillis} is the cut-off of the {@link Unsettled} listing the verdict was made
 * from: only an orphaned key's purchase made before it is given back, so a copy of the settlement
 * that arrives late leaves alone a purchase the key made afresh since (docs/DESIGN.md "Purchases
 * nobody ordered").
 */
public record Settlement(long epoch, long boughtBeforeMillis, List<IdempotencyKey> ordered, List<IdempotencyKey> orphaned) {}
