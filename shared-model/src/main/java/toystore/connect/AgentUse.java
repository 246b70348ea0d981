package toystore.connect;

/** What a tool does with the chaos agent, which decides whether it needs the agent's address and token. */
public enum AgentUse {
  /** Only the public API (load, client): the agent is asked at most for the frontend's address. */
  NONE,
  /** The agent when a source names one, else the store alone (the dashboard without chaos buttons). */
  IF_KNOWN,
  /** The agent without fail (chaos, check). */
  REQUIRED
}
