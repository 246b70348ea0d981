package toystore.model;

/** {@code POST /chaos/isolate-leader}: the leader that was cut off, and the partition that did it. */
public record Isolation(String isolated, String id) {}
