package toystore.model;

/** {@code POST /chaos/kill-leader}: the service that was killed. */
public record KillResult(String killed) {}
