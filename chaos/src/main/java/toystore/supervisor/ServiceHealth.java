package toystore.supervisor;

import toystore.model.State;

/** The part of every {@code GET /health} reply the supervisor reads and the agent sends. */
public record ServiceHealth(State status) {
  public static final ServiceHealth UP = new ServiceHealth(State.UP);
}
