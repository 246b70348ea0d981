package toystore.order.protocol;

import java.time.Duration;

/**
 * The protocol's timers. The replica reads time only from the {@code now} it is given, so the
 * simulator runs these on its own clock.
 *
 * @param heartbeat how often a leader sends an idle follower an (empty) append
 * @param joinWait how long a candidate waits for peers to join before going on with a majority
 * @param rereplicationWait how long a new leader may take to bring a majority up to its adopted log
 * @param quorumWindow a leader that heard from no majority for this long says it lost its quorum
 * @param readConfirmation how recently a majority must have answered for "no such order"
 * @param orphanAge a purchase this old with no order is given back
 * @param reconcileEvery how often the leader looks for orphaned purchases
 * @param fenceRetry how soon a failed catalog fence is retried
 * @param retryPeer how soon a peer that did not answer is asked again
 * @param maxEntriesPerAppend how many entries one append carries at most
 * @param diskRetry how often a replica whose write failed tries a harmless write to see whether its disk works again
 */
public record Timing(Duration heartbeat, Duration joinWait, Duration rereplicationWait, Duration quorumWindow,
                     Duration readConfirmation, Duration orphanAge, Duration reconcileEvery, Duration fenceRetry,
                     Duration retryPeer, int maxEntriesPerAppend, Duration diskRetry) {
  /** The store's timers (docs/DESIGN.md explains each). */
  public static Timing standard() {
    return new Timing(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(800),
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMillis(200),
        Duration.ofMillis(100), 500, Duration.ofSeconds(1));
  }
}
