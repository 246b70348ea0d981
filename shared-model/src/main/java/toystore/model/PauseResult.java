package toystore.model;

/** {@code POST /chaos/pause-leader}: the service that was paused. */
public record PauseResult(String paused) {}
