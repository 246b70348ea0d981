package toystore.frontend.election;

/**
 * One term of a leader as the coordinator chose it: {@code id} tells two terms of the same replica
 * in the same epoch apart, so a late report about an earlier term gives up nothing.
 */
public record Leadership(long id, int replica, long epoch) {}
