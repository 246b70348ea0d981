package toystore.catalog;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.JsonHttpClient;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.Invalidation;
import toystore.wire.catalog.Invalidations;

/**
 * Pushes invalidations to the frontend off the request path, every pending toy in one request, one
 * request at a time, until each is delivered or superseded: pending pushes for one toy coalesce to
 * the newest version (so a slow or dead frontend costs a bounded amount of memory), and a push that
 * fails goes back behind the toys that came meanwhile, unless a newer version came for it. Failures back off, so a dead frontend is not
 * hammered; a frontend that comes back gets every toy's newest version, and is never sent an older
 * one after a newer one (one delivery at a time, and a put-back never replaces a newer version).
 */
final class InvalidationPusher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidationPusher.class);
  /** The pause after a first failure; it doubles with each failure in a row, up to {@link #MAX_BACKOFF}. */
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final JsonHttpClient frontend;
  /** The newest undelivered version of each toy, in the order they are to be sent. */
  private final Map<String, Long> pending = new LinkedHashMap<>();
  private final Thread worker;
  private boolean closed;
  /** Failed attempts in a row; the worker's own. */
  private int failures;

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
    try {
      List<Invalidation> next;
      while ((next = take()) != null) {
        if (!deliver(next)) {
          putBack(next);
          pause(backoff());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every pending invalidation, waiting for one; null once closed. */
  private synchronized List<Invalidation> take() throws InterruptedException {
    while (pending.isEmpty() && !closed) {
      wait();
    }
    if (closed) {
      return null;
    }
    List<Invalidation> all = pending.entrySet().stream().map(e -> new Invalidation(e.getKey(), e.getValue())).toList();
    pending.clear();
    return all;
  }

  /** One attempt; logs when delivery starts failing and when it works again, not every attempt. */
  private boolean deliver(List<Invalidation> invalidations) {
    try {
      frontend.post(List.of("internal", "invalidate"), new Invalidations(invalidations), Object.class);
    } catch (IOException | RuntimeException e) {
      // A reply that is not the JSON we expect is a failed delivery too, not the end of the pusher.
      if (failures++ == 0) {
        log.warn("invalidations not delivered to {} ({}); retrying with backoff until they are",
            frontend.baseUrl(), e.getMessage());
      }
      return false;
    }
    if (failures > 0) {
      log.info("invalidations delivered to {} again after {} failed attempts", frontend.baseUrl(), failures);
      failures = 0;
    }
    return true;
  }

  /** Back in the queue behind the toys that came meanwhile, unless a newer version has superseded one. */
  private synchronized void putBack(List<Invalidation> invalidations) {
    invalidations.forEach(i -> pending.merge(i.name(), i.version(), Math::max));
  }

  private Duration backoff() {
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 10));
    return backoff.compareTo(MAX_BACKOFF) < 0 ? backoff : MAX_BACKOFF;
  }

  /** Waits {@code duration}, or until closed; pushes still come in meanwhile. */
  private synchronized void pause(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    long left;
    while (!closed && (left = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
