package toystore.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import toystore.client.JsonHttpClient;
import toystore.model.ReplicaHealth;

/** {@code GET /health} with short timeouts: a service that does not answer quickly counts as down. */
final class HealthProbe implements AutoCloseable {
  private final OkHttpClient http =
      JsonHttpClient.newHttp(Duration.ofMillis(300), Duration.ofSeconds(1));

  /** Whether the service answers {@code GET /health} with 200. */
  boolean healthy(String url) {
    try {
      new JsonHttpClient(http, url, null).get(List.of("health"), ServiceHealth.class);
      return true;
    } catch (IOException down) {
      return false;
    }
  }

  /** An order replica's health, or empty when it does not answer. */
  Optional<ReplicaHealth> replica(String url) {
    try {
      return Optional.of(new JsonHttpClient(http, url, null).get(List.of("health"), ReplicaHealth.class));
    } catch (IOException down) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
