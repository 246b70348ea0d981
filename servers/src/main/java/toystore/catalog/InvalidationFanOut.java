package toystore.catalog;

import java.util.List;
import okhttp3.OkHttpClient;
import toystore.wire.catalog.CatalogItem;

/**
 * The catalog's invalidations to every frontend (docs/API.md §2; two in raft mode with
 * {@code --frontends 2}): one {@link InvalidationPusher} per frontend, each with its own queue and
 * backoff, so a frontend that is down delays no other frontend's cache.
 */
final class InvalidationFanOut implements AutoCloseable {
  private final List<InvalidationPusher> pushers;

  InvalidationFanOut(OkHttpClient http, List<String> frontendUrls, String clusterSecret) {
    if (frontendUrls.isEmpty()) {
      throw new IllegalArgumentException("the catalog needs at least one frontend to push invalidations to");
    }
    this.pushers = frontendUrls.stream().map(url -> new InvalidationPusher(http, url, clusterSecret)).toList();
  }

  void push(CatalogItem item) {
    pushers.forEach(pusher -> pusher.push(item));
  }

  @Override
  public void close() {
    pushers.forEach(InvalidationPusher::close);
  }
}
