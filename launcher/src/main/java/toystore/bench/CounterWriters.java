package toystore.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.util.TimeDuration;
import toystore.load.LatencyStats;
import toystore.load.RequestFigures;
import toystore.load.RequestType;

/**
 * Closed-loop writers of the bare Ratis counter: each has a Ratis client of its own (the async API:
 * the blocking one over netty fails ambiguously when the leader dies) with a bounded retry policy
 * (Ratis's default retries forever), sends {@link CounterStateMachine#INCREMENT} and waits for its
 * reply before the next, until the time is up.
 */
final class CounterWriters {
  /** Attempts of one increment, 100 ms apart, before it counts as failed. */
  static final int ATTEMPTS = 10;
  static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);
  /** Longer than {@link #ATTEMPTS} attempts take (each waits up to Ratis's 3 s request timeout). */
  static final Duration REPLY_WAIT = Duration.ofSeconds(40);

  private final RaftGroup group;
  private final LongAdder acknowledged = new LongAdder();

  CounterWriters(RaftGroup group) {
    this.group = group;
  }

  /**
   * One run's figures.
   *
   * @param figures the increments as {@link RequestType#ORDER}s: count, errors, retries, latencies
   * @param loadMs from the start until the last writer had its last reply
   * @param acknowledged increments whose reply said success
   * @param firstFailure the first failed increment's cause, or null
   */
  record Finished(RequestFigures figures, long loadMs, long acknowledged, Throwable firstFailure) {}

  /** A Ratis client of the counter's group whose retries add to {@code retries}. */
  RaftClient client(LongAdder retries) {
    RaftProperties properties = new RaftProperties();
    // The peers' transport (RaftSettings).
    RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
    return RaftClient.newBuilder()
        .setProperties(properties)
        .setRaftGroup(group)
        .setRetryPolicy(new Counted(RetryPolicies.retryUpToMaximumCountWithFixedSleep(ATTEMPTS, RETRY_SLEEP), retries))
        .build();
  }

  /** Every acknowledged increment since this object was made, warm-ups included. */
  long acknowledged() {
    return acknowledged.sum();
  }

  /** {@code clients} writers for {@code ms}; returns once every writer has its last reply. */
  Finished run(int clients, long ms) throws IOException, InterruptedException {
    if (clients < 1) {
      throw new IllegalArgumentException("the counter needs at least one writer, not " + clients);
    }
    LatencyStats stats = new LatencyStats(RequestType.ORDER);
    LongAdder ok = new LongAdder();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(ms);
    try {
      List<Future<Void>> writers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        writers.add(pool.submit(() -> write(end, stats, ok, firstFailure)));
      }
      pool.shutdown();
      if (!pool.awaitTermination(ms + REPLY_WAIT.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
        throw new IOException("the counter's writers did not finish within " + REPLY_WAIT.toSeconds()
            + " s after the run's end");
      }
      for (Future<Void> writer : writers) {
        writer.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("a counter writer failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long loadNanos = System.nanoTime() - start;
    acknowledged.add(ok.sum());
    return new Finished(stats.figures(loadNanos), TimeUnit.NANOSECONDS.toMillis(loadNanos), ok.sum(),
        firstFailure.get());
  }

  /**
   * One writer until {@code end}. A failed increment closes an ordered Ratis client for good (its
   * sliding window), so the writer goes on with a new one.
   */
  private Void write(long end, LatencyStats stats, LongAdder ok, AtomicReference<Throwable> firstFailure)
      throws IOException, InterruptedException {
    LongAdder retries = new LongAdder();
    RaftClient client = client(retries);
    try {
      while (System.nanoTime() < end) {
        long retriedBefore = retries.sum();
        long sent = System.nanoTime();
        Throwable failure;
        try {
          RaftClientReply reply = client.async().send(CounterStateMachine.INCREMENT)
              .get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
          failure = reply.isSuccess() ? null
              : reply.getException() != null ? reply.getException() : new IOException("refused: " + reply);
        } catch (ExecutionException e) {
          failure = e.getCause();
        } catch (TimeoutException e) {
          failure = e;
        }
        stats.record(System.nanoTime() - sent, (int) (retries.sum() - retriedBefore), failure != null);
        if (failure == null) {
          ok.increment();
        } else {
          firstFailure.compareAndSet(null, failure);
          client.close();
          client = client(retries);
        }
      }
    } finally {
      client.close();
    }
    return null;
  }

  /** A retry policy that counts the retries it allows ({@link Measured#clientRetries()}). */
  private record Counted(RetryPolicy policy, LongAdder retries) implements RetryPolicy {
    @Override
    public Action handleAttemptFailure(Event event) {
      Action action = policy.handleAttemptFailure(event);
      if (action.shouldRetry()) {
        retries.increment();
      }
      return action;
    }
  }
}
