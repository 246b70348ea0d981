package toystore.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Watches a progress counter (such as the load's finished iterations) on its own thread and records
 * every stretch in which it did not move: the stalls a user of the store would notice. Start it with
 * the load, {@link #close()} it before the clients read their orders back (that is no standstill).
 */
public final class Standstill implements AutoCloseable {
  private static final long POLL_MS = 20;

  /** A stretch of {@code ms} without progress, from {@code fromMs} (epoch milliseconds). */
  public record Stall(long fromMs, long ms) {
    public long untilMs() {
      return fromMs + ms;
    }

    /** Whether the stall and [fromMs, untilMs] have a moment in common. */
    public boolean overlaps(long from, long until) {
      return fromMs <= until && untilMs() >= from;
    }
  }

  private final LongSupplier progress;
  private final Thread watcher;
  private final List<Stall> stalls = new ArrayList<>();

  public Standstill(String name, LongSupplier progress) {
    this.progress = progress;
    this.watcher = new Thread(this::watch, name);
    watcher.setDaemon(true);
  }

  public Standstill start() {
    watcher.start();
    return this;
  }

  /** Stops watching; the stall in progress, if any, counts up to now. */
  @Override
  public void close() throws InterruptedException {
    watcher.interrupt();
    watcher.join();
  }

  /** The longest stall so far (zero long at the start when there was none). */
  public synchronized Stall longest() {
    return stalls.stream().max(Comparator.comparingLong(Stall::ms)).orElse(new Stall(System.currentTimeMillis(), 0));
  }

  /** Every stall so far, in time order. */
  public synchronized List<Stall> stalls() {
    return List.copyOf(stalls);
  }

  private void watch() {
    long last = progress.getAsLong();
    long lastMovedMs = System.currentTimeMillis();
    try {
      while (true) {
        Thread.sleep(POLL_MS);
        long now = progress.getAsLong();
        long nowMs = System.currentTimeMillis();
        if (now != last) {
          record(lastMovedMs, nowMs);
          last = now;
          lastMovedMs = nowMs;
        }
      }
    } catch (InterruptedException e) {
      // Asked to stop: the load has ended, and the stretch since the last progress counts as well.
      record(lastMovedMs, System.currentTimeMillis());
    }
  }

  /** A gap of one poll between two observed moves is the sampling, not a stall. */
  private synchronized void record(long fromMs, long untilMs) {
    long ms = untilMs - fromMs;
    if (ms > 2 * POLL_MS) {
      stalls.add(new Stall(fromMs, ms));
    }
  }
}
