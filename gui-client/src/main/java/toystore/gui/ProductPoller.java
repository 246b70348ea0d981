package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import toystore.model.Product;

/**
 * Reads every toy the catalog lists ({@code GET /products}: the catalog's own figures, past the
 * frontend's cache, so the dashboard's polling leaves the cache and its hit ratio alone) every
 * {@link #PERIOD}, while enabled.
 */
final class ProductPoller {
  static final Duration PERIOD = Duration.ofSeconds(2);

  /** One round: the toys, or why there are none (null when they came). */
  record Round(List<Product> products, String problem) {}

  private final Backend backend;
  private final Consumer<Round> listener;
  private volatile boolean enabled = true;

  ProductPoller(Backend backend, Consumer<Round> listener) {
    this.backend = backend;
    this.listener = listener;
  }

  void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  void start() {
    backend.every(PERIOD, () -> {
      if (enabled) {
        Round round = pollOnce();
        backend.onFx(() -> listener.accept(round));
      }
    });
  }

  private Round pollOnce() {
    try {
      return new Round(backend.store().products(), null);
    } catch (IOException | RuntimeException e) {
      return new Round(List.of(), "frontend " + Problems.describe(e));
    }
  }
}
