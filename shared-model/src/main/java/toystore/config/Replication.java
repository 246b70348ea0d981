package toystore.config;

import java.util.Locale;

/**
 * Which engine replicates the orders (docs/API.md §5, {@code --replication}): {@code lab}, the
 * original design made safe, or {@code raft}, the order replicas on Apache Ratis.
 */
public enum Replication {
  LAB, RAFT;

  /**
   * The engine a word names, {@code lab} or {@code raft} (any case, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException for any other word
   */
  public static Replication parse(String word) {
    String wanted = word.strip().toLowerCase(Locale.ROOT);
    for (Replication engine : values()) {
      if (engine.toString().equals(wanted)) {
        return engine;
      }
    }
    throw new IllegalArgumentException("replication must be lab or raft, not '" + word + "'");
  }

  /** The word on the command line and in JSON: {@code lab} or {@code raft}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
