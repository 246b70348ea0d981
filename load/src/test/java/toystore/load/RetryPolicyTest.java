package toystore.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import toystore.client.ApiException;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(5), Duration.ofMillis(1));

  @Test
  void repeatsWhileTheOutcomeIsUnknown() throws Exception {
    AtomicInteger attempts = new AtomicInteger();

    RetryPolicy.Outcome<String> outcome =
        policy.run(() -> {
          int n = attempts.incrementAndGet();
          if (n == 1) {
            throw new ApiException(503, "no leader");
          }
          if (n == 2) {
            throw new IOException("connection reset");
          }
          return "ok";
        });

    assertThat(outcome.value()).isEqualTo("ok");
    assertThat(outcome.retries()).isEqualTo(2);
  }

  @Test
  void aDefiniteAnswerIsNotRepeated() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> policy.run(() -> {
          attempts.incrementAndGet();
          throw new ApiException(409, "not enough stock");
        }))
        .isInstanceOfSatisfying(RetryPolicy.RequestFailed.class, e -> {
          assertThat(e.status()).isEqualTo(409);
          assertThat(e.retries()).isZero();
        });
    assertThat(attempts).hasValue(1);
  }

  @Test
  void givesUpAfterItsAttempts() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> policy.run(() -> {
          attempts.incrementAndGet();
          throw new ApiException(503, "no leader");
        }))
        .isInstanceOfSatisfying(RetryPolicy.RequestFailed.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.retries()).isEqualTo(3);
          assertThat(e).hasMessage("no leader");
        });
    assertThat(attempts).hasValue(4);
  }
}
