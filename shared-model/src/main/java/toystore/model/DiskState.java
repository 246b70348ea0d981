package toystore.model;

/**
 * Whether the agent can fill an order replica's disk (docs/API.md §4, disk full): only when its data
 * directory is a filesystem of its own; then whether the agent's ballast fills it now.
 */
public enum DiskState {
  /** Its data directory shares a filesystem with others: the agent never fills it. */
  UNSUPPORTED,
  /** A filesystem of its own, not filled by the agent. */
  FREE,
  /** The agent's ballast file fills it. */
  FULL
}
