package toystore.load;

import java.io.IOException;
import java.time.Duration;
import toystore.client.ApiException;

/**
 * How a patient client repeats a request whose outcome is unknown: a {@code 503} or no reply at
 * all. Other answers (200, 4xx) are final. Bounded both in attempts and in time.
 *
 * @param maxAttempts attempts in all, the first included
 * @param budget no new attempt starts after this much time since the first
 * @param firstBackoff the pause before the second attempt; it doubles after each
 */
public record RetryPolicy(int maxAttempts, Duration budget, Duration firstBackoff) {
  /** A few tries within about ten seconds: long enough to ride out a leader change. */
  public static final RetryPolicy PATIENT = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMillis(250));

  /** A request that may be repeated as it is (for an order: with the same idempotency key). */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException;
  }

  /** The result of a request and how many extra attempts it took. */
  public record Outcome<T>(T value, int retries) {}

  /** A request that got a final error, or failed on its last attempt,, and how many extra attempts it took. */
  public static final class RequestFailed extends IOException {
    private final int retries;

    RequestFailed(IOException last, int retries) {
      super(last.getMessage() != null ? last.getMessage() : last.getClass().getSimpleName(), last);
      this.retries = retries;
    }

    public int retries() {
      return retries;
    }

    /** The HTTP status of the last attempt, or 0 when no reply came. */
    public int status() {
      return getCause() instanceof ApiException api ? api.status() : 0;
    }
  }

  public static boolean outcomeUnknown(IOException e) {
    return !(e instanceof ApiException api) || api.status() == 503;
  }

  /**
   * Runs {@code attempt} until it gives a final answer or the policy is spent.
   *
   * @throws RequestFailed with the last failure (an {@link ApiException} or an I/O error) as its cause
   */
  public <T> Outcome<T> run(Attempt<T> attempt) throws RequestFailed, InterruptedException {
    long deadline = System.nanoTime() + budget.toNanos();
    long backoffMs = firstBackoff.toMillis();
    for (int retries = 0; ; retries++) {
      try {
        return new Outcome<>(attempt.run(), retries);
      } catch (IOException e) {
        boolean spent = retries + 1 >= maxAttempts || System.nanoTime() + backoffMs * 1_000_000 > deadline;
        if (!outcomeUnknown(e) || spent) {
          throw new RequestFailed(e, retries);
        }
      }
      Thread.sleep(backoffMs);
      backoffMs *= 2;
    }
  }
}
