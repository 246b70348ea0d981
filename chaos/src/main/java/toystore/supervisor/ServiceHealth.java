package toystore.supervisor;

/** The part of every {@code GET /health} reply the supervisor reads and the agent sends. */
public record ServiceHealth(String status) {
  public static final ServiceHealth UP = new ServiceHealth("UP");
}
