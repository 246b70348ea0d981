package toystore.model;

/**
 * Whether a service or order replica is working, on the wire as these names (docs/API.md §1
 * {@code GET /status}, §4):
 * a replica is SYNCING until it holds everything its leader committed; DOWN is what an observer
 * reports for one that does not answer (a service never says it of itself).
 */
public enum State { UP, SYNCING, DOWN }
