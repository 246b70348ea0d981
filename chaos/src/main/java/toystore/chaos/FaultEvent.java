package toystore.chaos;

/**
 * A fault as it happened.
 *
 * @param atMs when it started, epoch milliseconds
 * @param what e.g. "kill the order leader"
 * @param service the service it hit, or null when it could not be carried out
 * @param ok whether the agent carried it out
 * @param detail the agent's error when not ok, else empty
 * @param tookMs how long the agent took (a restart returns once the service is healthy)
 */
public record FaultEvent(long atMs, String what, String service, boolean ok, String detail, long tookMs) {}
