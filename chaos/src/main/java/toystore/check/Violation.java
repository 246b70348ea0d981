package toystore.check;

/** One broken guarantee, said in words a person can act on. */
public record Violation(Kind kind, String message) {

  /** Which guarantee (docs/API.md §3) it breaks. */
  public enum Kind {
    /** An acknowledged order is missing, different, or unreadable (§3.1, §3.2). */
    ACKNOWLEDGED_ORDER,
    /** Committed numbers are not 1..N without gaps or reuse (§1, §3.2). */
    NUMBERING,
    /** One idempotency key bought more than once (§3.3). */
    EXACTLY_ONCE,
    /** A toy's ledger does not add up, or disagrees with the committed orders (§3.4). */
    STOCK,
    /** Live replicas hold different logs (§3.7). */
    REPLICAS;

    /**
     * Whether a cluster that is settling can still mend it: replicas converge within 5 s of a restart,
     * and the catalog returns stock taken for orders that were never committed.
     */
    public boolean mayConverge() {
      return this == REPLICAS || this == STOCK;
    }
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
