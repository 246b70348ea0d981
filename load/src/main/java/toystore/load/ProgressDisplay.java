package toystore.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a running load: on a terminal a bar redrawn in place a few times a second, otherwise a
 * plain line every few seconds (logs and pipes get no carriage returns).
 */
public final class ProgressDisplay {
  private static final Duration REDRAW = Duration.ofMillis(200);
  private static final Duration PLAIN_EVERY = Duration.ofSeconds(3);
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean terminal;

  public ProgressDisplay(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows progress until every client of {@code load} has finished. */
  public void follow(LoadGenerator load) throws InterruptedException {
    long lastPlain = System.nanoTime();
    while (true) {
      LoadSnapshot snapshot = load.snapshot();
      boolean done = snapshot.phase() == LoadSnapshot.Phase.DONE;
      if (terminal) {
        out.print("\r" + line(snapshot) + "  ");
        if (done) {
          out.println();
        }
        out.flush();
      } else if (done || System.nanoTime() - lastPlain >= PLAIN_EVERY.toNanos()) {
        out.println(line(snapshot));
        out.flush();
        lastPlain = System.nanoTime();
      }
      if (done) {
        return;
      }
      Thread.sleep(REDRAW.toMillis());
    }
  }

  /** One line of progress: a bar (or the elapsed time when the run has no end), then the live figures. */
  public static String line(LoadSnapshot s) {
    String progress;
    if (s.plannedIterations() > 0) {
      double fraction = Math.min(1.0, (double) s.iterations() / s.plannedIterations());
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      progress =
          String.format(
              Locale.ROOT, "[%s%s] %3d%% %d/%d",
              "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), Math.round(fraction * 100),
              s.iterations(), s.plannedIterations());
    } else {
      progress = String.format(Locale.ROOT, "[%6.1f s] %d", s.elapsedMs() / 1000.0, s.iterations());
    }
    return progress + " " + figures(s);
  }

  /** One line of progress of a run stopped after {@code planned} (the chaos command's load): elapsed of planned. */
  public static String line(LoadSnapshot s, Duration planned) {
    return String.format(Locale.ROOT, "[%6.1f s of %.1f s] %d ", s.elapsedMs() / 1000.0, planned.toMillis() / 1000.0,
        s.iterations()) + figures(s);
  }

  private static String figures(LoadSnapshot s) {
    RequestFigures query = s.figures(RequestType.QUERY);
    RequestFigures order = s.figures(RequestType.ORDER);
    return String.format(
        Locale.ROOT,
        "%-9s query p50 %.1f ms p99 %.1f ms | order p50 %.1f ms p99 %.1f ms | %d orders, %d errors",
        s.phase().name().toLowerCase(Locale.ROOT), query.p50Ms(), query.p99Ms(), order.p50Ms(),
        order.p99Ms(), s.ordersAcknowledged(), s.clientVisibleErrors());
  }
}
