package toystore.chaos;

/**
 * A fault, or a heal, as it happened.
 *
 * @param atMs when it started, epoch milliseconds
 * @param action what was planned; its kind says which fault it injects or heals
 * @param what e.g. "kill the order leader"
 * @param service the service it hit (for a heal: the one it healed), or null when it could not be carried out
 * @param ok whether the agent carried it out
 * @param detail the agent's error when not ok, else empty
 * @param tookMs how long the agent took (a restart returns once the service is healthy)
 */
public record FaultEvent(
    long atMs, Fault.Action action, String what, String service, boolean ok, String detail, long tookMs) {

  /** When the agent had finished with it, epoch milliseconds. */
  public long endMs() {
    return atMs + tookMs;
  }
}
