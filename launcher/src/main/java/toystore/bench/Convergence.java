package toystore.bench;

import toystore.chaos.FaultEvent;

/**
 * A follower killed under load, then, with the load stopped, restarted: how long until every
 * replica reports the same last order and digest.
 *
 * @param kill the kill of the follower, under load
 * @param restart its restart after the load; {@code tookMs} is until it answered its health check
 * @param missedOrders orders committed while it was down (the store's last order at the restart
 *     less the follower's before the kill)
 * @param convergedMs from the restart until the digests were equal; null when they were not within
 *     {@link FailoverCycle#CONVERGENCE_TIMEOUT}
 */
public record Convergence(FaultEvent kill, FaultEvent restart, long missedOrders, Long convergedMs) {}
