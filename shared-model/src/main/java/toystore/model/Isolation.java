package toystore.model;

/** {@code POST /chaos/isolate-leader} and {@code /chaos/cut-leader-off}: the leader that was cut off, and the partition that did it. */
public record Isolation(String isolated, String id) {}
