package toystore.order.simulation;

import static toystore.order.simulation.Scheduler.MILLIS;

import java.time.Duration;
import toystore.order.protocol.Timing;

/**
 * One schedule's shape, drawn from its seed: cluster size, the protocol's timers (the store's,
 * scaled down so that a schedule covers orphan settlement in a few virtual seconds), the shells'
 * timeouts, and how long and how hard faults are injected.
 *
 * @param majorityFaults whether faults may hit a majority of replicas at once (then only safety is expected until the heal)
 * @param faultGap the mean time between two faults
 */
record Settings(int replicas, boolean majorityFaults, Timing timing, long tickMin, long tickMax, int pageSize,
                long diskLatency, long peerTimeout, long catalogTimeout, long probeTimeout, long leadTimeout,
                long placeTimeout, long retryDeadline, long poll, long faultPhase, long faultGap, int clients) {

  static Settings draw(Scheduler s) {
    int replicas = s.chance(0.25) ? 5 : 3;
    // Mostly above the frontend's retry window, as for real; sometimes far below it, where only the
    // check for orders in flight keeps a settlement from giving back stock an order is about to claim.
    Duration orphanAge = Duration.ofMillis(s.chance(0.3) ? s.between(20, 400) : 1500);
    Timing timing = new Timing(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(600),
        Duration.ofMillis(400), Duration.ofMillis(400), orphanAge, Duration.ofMillis(s.between(20, 200)),
        Duration.ofMillis(100), Duration.ofMillis(50), (int) s.between(1, 40), Duration.ofMillis(200));
    long join = timing.joinWait().toNanos();
    long rereplication = timing.rereplicationWait().toNanos();
    return new Settings(replicas, s.chance(0.2), timing, 10 * MILLIS, 30 * MILLIS, (int) s.between(1, 60),
        s.between(1, 3) * MILLIS, 200 * MILLIS, 200 * MILLIS, 150 * MILLIS, join + rereplication + 300 * MILLIS,
        600 * MILLIS, 700 * MILLIS, 100 * MILLIS, s.between(300, 2500) * MILLIS, s.between(50, 400) * MILLIS,
        (int) s.between(1, 4));
  }

  int majority() {
    return replicas / 2 + 1;
  }
}
