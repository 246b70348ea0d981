package toystore.order.simulation;

import java.util.PriorityQueue;
import java.util.Random;

/**
 * Virtual time and the one source of every random choice in a schedule: events run in time order
 * (ties in the order they were scheduled), nothing reads a wall clock, so a seed replays exactly.
 */
final class Scheduler {
  static final long MICROS = 1_000;
  static final long MILLIS = 1_000_000;
  static final long SECONDS = 1_000_000_000;

  private record Event(long at, long sequence, Runnable action) {}

  private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) -> a.at != b.at
      ? Long.compare(a.at, b.at) : Long.compare(a.sequence, b.sequence));
  private final Random random;
  private long now;
  private long sequence;
  private long steps;

  Scheduler(long seed) {
    this.random = new Random(seed);
  }

  long now() {
    return now;
  }

  long steps() {
    return steps;
  }

  void at(long time, Runnable action) {
    queue.add(new Event(Math.max(time, now), sequence++, action));
  }

  void after(long delay, Runnable action) {
    at(now + delay, action);
  }

  /** Runs every event due up to {@code until}, then sets the clock to it. */
  void runUntil(long until) {
    while (!queue.isEmpty() && queue.peek().at <= until) {
      Event next = queue.poll();
      now = next.at;
      steps++;
      next.action.run();
    }
    now = Math.max(now, until);
  }

  /** Runs until {@code done} holds after an event, or {@code until}; whether it held. */
  boolean runUntil(long until, java.util.function.BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      if (queue.isEmpty() || queue.peek().at > until) {
        now = Math.max(now, until);
        return false;
      }
      Event next = queue.poll();
      now = next.at;
      steps++;
      next.action.run();
    }
    return true;
  }

  boolean chance(double probability) {
    return probability > 0 && random.nextDouble() < probability;
  }

  /** Uniform in [low, high]. */
  long between(long low, long high) {
    return high <= low ? low : low + (long) (random.nextDouble() * (high - low + 1));
  }

  int pick(int bound) {
    return random.nextInt(bound);
  }

  Random random() {
    return random;
  }
}
