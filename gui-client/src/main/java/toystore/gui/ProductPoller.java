package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import toystore.client.ApiException;
import toystore.model.Product;

/**
 * Reads the stock of every toy every {@link #PERIOD}, while enabled: from the agent's stock ledger when
 * the agent is known, so the dashboard's own polling leaves the frontend's cache and its hit ratio
 * alone; otherwise by querying every default toy (docs/API.md §2) through the frontend, where each query
 * counts as a cache hit or miss (the window says which).
 */
final class ProductPoller {
  static final Duration PERIOD = Duration.ofSeconds(2);
  static final List<String> TOYS = List.of(
      "Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin",
      "Barbie", "Lego", "Frisbee", "Marbles", "Slinky", "Yo-Yo");

  /**
   * One round: the toys that answered, why the others did not (null when all did), and whether they
   * were read past the cache.
   */
  record Round(List<Product> products, String problem, boolean pastTheCache) {}

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
    if (backend.hasAgent()) {
      try {
        List<Product> products = backend.agent().stock().stream()
            .map(toy -> new Product(toy.name(), toy.price(), (int) toy.quantity()))
            .toList();
        return new Round(products, null, true);
      } catch (IOException | RuntimeException e) {
        return new Round(List.of(), "agent " + Problems.describe(e), true);
      }
    }
    List<Product> products = new ArrayList<>();
    String problem = null;
    for (String toy : TOYS) {
      try {
        products.add(backend.store().product(toy));
      } catch (ApiException e) {
        // One toy can fail (e.g. 503 with the catalog down and the toy uncached) while others answer.
        problem = toy + ": " + Problems.describe(e);
      } catch (IOException | RuntimeException e) {
        // The frontend itself is not answering: asking for the other toys would only wait longer.
        return new Round(products, "frontend " + Problems.describe(e), false);
      }
    }
    return new Round(products, problem, false);
  }
}
