package toystore.gui;

/**
 * Which log entries the Replication tab shows: the newest {@link #SIZE} (following the tail as it
 * grows) or, once the person pages back, {@link #SIZE} entries ending at {@code newest}. Only these
 * are fetched, so a log of any length costs one page per replica per poll.
 *
 * @param newest the highest number shown when not following; ignored while following
 */
record LogWindow(boolean following, long newest) {
  static final int SIZE = 200;

  static LogWindow latest() {
    return new LogWindow(true, 0);
  }

  /** The highest number shown, given the highest number any replica holds. */
  long top(long highestKnown) {
    return following ? Math.max(0, highestKnown) : Math.min(newest, Math.max(SIZE, highestKnown));
  }

  /** The lowest number shown (1 at the least). */
  long bottom(long highestKnown) {
    return Math.max(1, top(highestKnown) - SIZE + 1);
  }

  /** The page before this one; it stays on the first page once there. */
  LogWindow older(long highestKnown) {
    return new LogWindow(false, Math.max(SIZE, top(highestKnown) - SIZE));
  }

  /**
   * A window with {@code number} a quarter of the way down from its top: some newer entries above
   * it, most of the room for what led up to it. Following when that reaches the tail.
   */
  static LogWindow around(long number, long highestKnown) {
    long top = number + SIZE / 4;
    return top >= highestKnown ? latest() : new LogWindow(false, Math.max(SIZE, top));
  }

  /** The page after this one, back to following once it reaches the tail. */
  LogWindow newer(long highestKnown) {
    long next = top(highestKnown) + SIZE;
    return next >= highestKnown ? latest() : new LogWindow(false, next);
  }
}
