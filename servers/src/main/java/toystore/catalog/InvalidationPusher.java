package toystore.catalog;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.cache.Invalidation;
import toystore.client.JsonHttpClient;

/**
 * Pushes invalidations to the frontend off the request path. Pending pushes for one toy coalesce to
 * the newest version, so a slow or dead frontend costs a bounded amount of memory.
 */
final class InvalidationPusher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidationPusher.class);
  private static final int ATTEMPTS = 3;

  private final JsonHttpClient frontend;
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private final Thread worker;
  private boolean closed;

  InvalidationPusher(OkHttpClient http, String frontendUrl, String clusterSecret) {
    this.frontend = new JsonHttpClient(http, frontendUrl, clusterSecret);
    this.worker = new Thread(this::run, "invalidation-pusher");
    worker.setDaemon(true);
    worker.start();
  }

  synchronized void push(CatalogItem item) {
    pending.merge(item.name(), item.version(), Math::max);
    notifyAll();
  }

  private void run() {
    while (true) {
      Invalidation next;
      synchronized (this) {
        while (pending.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        Map.Entry<String, Long> first = pending.entrySet().iterator().next();
        next = new Invalidation(first.getKey(), first.getValue());
        pending.remove(first.getKey());
      }
      send(next);
    }
  }

  private void send(Invalidation invalidation) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        frontend.post(List.of("internal", "invalidate"), invalidation, Object.class);
        return;
      } catch (IOException e) {
        if (attempt == ATTEMPTS) {
          // The frontend is down or busy: a frontend that restarts starts with an empty cache anyway.
          log.warn("invalidation of {} not delivered: {}", invalidation.name(), e.getMessage());
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
