package toystore.bench;

import java.time.Duration;
import okhttp3.OkHttpClient;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.supervisor.Cluster;

/**
 * One running store of the benchmark and the HTTP client that talks to it. Each store gets its own
 * client: every store listens on the same ports, and a connection pooled from the last one would
 * meet a closed socket.
 */
final class Store implements AutoCloseable {
  // Agent restarts answer once the service is healthy: allow as long as the supervisor waits.
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);

  private final Cluster cluster;
  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(2), CALL_TIMEOUT);

  Store(Cluster cluster) {
    this.cluster = cluster;
  }

  Cluster cluster() {
    return cluster;
  }

  String frontendUrl() {
    return cluster.frontendUrl();
  }

  StoreClient client() {
    return new StoreClient(http, cluster.frontendUrl());
  }

  AgentClient agent() {
    return new AgentClient(http, cluster.agentUrl(), cluster.adminToken());
  }

  /** Stops every process of the store and the client's threads and connections. */
  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
