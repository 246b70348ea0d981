package toystore.frontend;

/** The stages of one order on the frontend, timed for docs/PERFORMANCE.md (issue 13). */
enum OrderStage {
  /** Reading and checking the body and the idempotency key. */
  PARSE,
  /** Waiting for the leader's answer, retries across a leader change included. */
  FORWARD,
  /** The whole of the order on the frontend, the cache update after the answer included. */
  TOTAL
}
