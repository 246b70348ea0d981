package toystore.config;

import java.util.Locale;

/**
 * Which engine replicates the order log (docs/API.md §5, {@code --replication lab|raft}): the lab
 * protocol (the highest live id leads, the frontend hands out fencing epochs) or Apache Ratis (Raft
 * elects the leader; its term is the epoch).
 */
public enum Replication {
  LAB, RAFT;

  /** The word on the command line and in the environment: {@code lab} or {@code raft}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@link #word()} back (any case); a clear message for anything else. */
  public static Replication parse(String word) {
    for (Replication r : values()) {
      if (r.word().equalsIgnoreCase(word.strip())) {
        return r;
      }
    }
    throw new IllegalArgumentException("--replication must be lab or raft, not '" + word + "'");
  }
}
