package toystore.catalog;

import java.util.List;

/**
 * The order leader's verdict on old purchases: {@code ordered} keys are in the committed order log;
 * {@code orphaned} keys never became an order (the buyer gave up), so their stock goes back.
 */
public record Settlement(List<String> ordered, List<String> orphaned) {}
