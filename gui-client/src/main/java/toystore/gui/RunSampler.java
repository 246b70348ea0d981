package toystore.gui;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import toystore.load.IntervalFigures;
import toystore.load.LoadGenerator;
import toystore.load.LoadSnapshot;

/**
 * The one reader of a load run's intervals ({@link LoadGenerator#takeIntervals()}: each take starts
 * the next interval, docs/DESIGN.md "The dashboard's load charts"): a take every period on the
 * dashboard's scheduler, then the last once the run has ended. One lock orders them, so no periodic
 * take runs beside or after the last, and a periodic take is handed on before the last is returned.
 */
final class RunSampler {
  /** The run's figures so far and each request type's interval since the previous take. */
  record Sample(LoadSnapshot snapshot, List<IntervalFigures> intervals) {}

  private final LoadGenerator run;
  private final Consumer<Sample> onSample;
  private ScheduledFuture<?> task;
  private boolean ended;

  /** @param onSample gets each periodic take, on a scheduler thread under the lock: it should only post it on */
  RunSampler(LoadGenerator run, Consumer<Sample> onSample) {
    this.run = run;
    this.onSample = onSample;
  }

  synchronized void start(ScheduledExecutorService scheduler, Duration period) {
    task = scheduler.scheduleWithFixedDelay(this::sample, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ends the periodic takes and returns the last; a take under way is handed on first. */
  synchronized Sample last() {
    stop();
    return take();
  }

  /** Ends the periodic takes without a last one, for a run whose end is not shown. */
  synchronized void stop() {
    ended = true;
    if (task != null) {
      task.cancel(false);
    }
  }

  private synchronized void sample() {
    if (!ended) {
      onSample.accept(take());
    }
  }

  private Sample take() {
    return new Sample(run.snapshot(), run.takeIntervals());
  }
}
