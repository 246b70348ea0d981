package toystore.load;

/**
 * One load run.
 *
 * @param frontendUrl the public API, e.g. {@code http://127.0.0.1:1234}
 * @param clients concurrent clients, each with its own connection
 * @param orderProbability the chance that a client orders a toy it found in stock
 * @param iterations queries per client; 0 runs until {@link LoadGenerator#stop()}
 * @param seed makes every client's choices (toy, order or not, quantity) repeatable
 */
public record LoadSettings(String frontendUrl, int clients, double orderProbability, long iterations, long seed) {
  public LoadSettings {
    if (frontendUrl == null || frontendUrl.isBlank()) {
      throw new IllegalArgumentException("the frontend URL is required");
    }
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1, not " + clients);
    }
    if (!(orderProbability >= 0 && orderProbability <= 1)) {
      throw new IllegalArgumentException("the order probability must be between 0 and 1, not " + orderProbability);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be 0 (until stopped) or more, not " + iterations);
    }
  }
}
