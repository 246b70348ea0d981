package toystore.supervisor;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for tests: polls a condition every 50 ms until it holds or time runs out. */
public final class Deadline {
  private Deadline() {}

  public static void await(Duration limit, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  public static boolean gone(long pid) {
    return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
  }

  public static boolean portFree(int port) {
    try {
      Ports.ensureFree(ClusterLayout.HOST, port, "test");
      return true;
    } catch (ServiceStartException taken) {
      return false;
    }
  }
}
