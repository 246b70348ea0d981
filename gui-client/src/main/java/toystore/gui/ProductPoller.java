package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import toystore.client.ApiException;
import toystore.model.Product;

/**
 * Queries every toy of the catalog through the frontend every {@link #PERIOD}, while enabled. There is
 * no list endpoint, so the names are the default catalog's (API.md §2). Each query is a real product
 * query and counts as a cache hit or miss; the window says so.
 */
final class ProductPoller {
  static final Duration PERIOD = Duration.ofSeconds(2);
  static final List<String> TOYS = List.of(
      "Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin",
      "Barbie", "Lego", "Frisbee", "Marbles", "Slinky", "Yo-Yo");

  /** One round: the toys that answered, and why the others did not (null when all did). */
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
        return new Round(products, "frontend " + Problems.describe(e));
      }
    }
    return new Round(products, problem);
  }
}
