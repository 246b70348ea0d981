package toystore.wire.catalog;

import java.util.List;

/**
 * The order leader's verdict on old purchases: {@code ordered} keys are in the committed order log;
 * {@code orphaned} keys never became an order (the buyer gave up), so their stock goes back. Only
 * the leader of the newest {@code epoch} the catalog has seen may settle (else 421).
 */
public record Settlement(long epoch, List<String> ordered, List<String> orphaned) {}
