package toystore.frontend.election;

import java.time.Duration;

/**
 * The coordinator's timers. It reads time only from the {@code now} it is given, so the simulator
 * runs these on its own clock.
 *
 * @param poll how long after one probe round answered the next one starts
 * @param retryPause after a failed selection, callers fail fast for this long instead of re-running it
 * @param startupGrace at start, how long to wait for every replica before selecting among those that answer
 */
public record CoordinatorTiming(Duration poll, Duration retryPause, Duration startupGrace) {
  /** The store's timers (docs/DESIGN.md, leader selection). */
  public static CoordinatorTiming standard() {
    return new CoordinatorTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(3));
  }
}
