package toystore.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A progress line every few seconds from a thread of its own, for a phase whose work prints lines of
 * its own meanwhile (the chaos command's faults): plain lines, never redrawn in place, so the two
 * interleave cleanly on a terminal and in a log. {@link #close()} ends it.
 */
public final class ProgressTicker implements AutoCloseable {
  private final Thread thread;

  private ProgressTicker(Thread thread) {
    this.thread = thread;
  }

  /** Prints {@code line} to {@code out} every {@code every}, first after one period. */
  public static ProgressTicker start(String name, PrintWriter out, Duration every, Supplier<String> line) {
    Thread thread = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(every.toMillis());
          out.println(line.get());
          out.flush();
        }
      } catch (InterruptedException e) {
        // close() asked it to stop; nothing is left to print.
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return new ProgressTicker(thread);
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
