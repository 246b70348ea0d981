package toystore.order.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import toystore.model.IdempotencyKey;
import toystore.wire.order.Entry;

/**
 * A replica's log and promises in memory, as its disk holds them (the replica changes it only once
 * the matching {@link Write} is done, except for the leader's batch: see {@link Replica}).
 *
 * <p>Each entry carries a chained digest ({@link DigestChain}), so the digest at n is equal on two
 * replicas exactly when their logs up to n are equal.
 */
final class Log {
  private final List<Entry> entries = new ArrayList<>();
  private final List<String> chain = new ArrayList<>();
  /** Only looked up, never iterated: its order cannot leak into effects. */
  private final Map<IdempotencyKey, Long> numberByKey = new HashMap<>();
  private long epoch;
  private long lastNormalEpoch;
  /** The highest number known committed (never above the truth, never above the log's end). */
  private long commit;
  /** The commit number on disk: a lower one after a crash is always safe, so it is written lazily. */
  private long persistedCommit;
  /** The highest number on disk; below {@link #last} while a leader's batch is being written. */
  private long durable;

  Log(Restored restored) {
    for (Entry e : restored.entries()) {
      if (e.number() != entries.size() + 1) {
        throw new IllegalArgumentException("the restored log has a gap before " + e.number());
      }
      remember(e);
    }
    epoch = restored.epoch();
    lastNormalEpoch = restored.lastNormalEpoch();
    commit = Math.min(restored.commitNumber(), last());
    persistedCommit = commit;
    durable = last();
  }

  long epoch() {
    return epoch;
  }

  void setEpoch(long newEpoch) {
    epoch = newEpoch;
  }

  long lastNormalEpoch() {
    return lastNormalEpoch;
  }

  void setLastNormalEpoch(long newEpoch) {
    lastNormalEpoch = newEpoch;
  }

  long commit() {
    return commit;
  }

  /** Raises the commit number (never lowers it, never past the log). */
  void raiseCommit(long number) {
    commit = Math.max(commit, Math.min(number, last()));
  }

  long persistedCommit() {
    return persistedCommit;
  }

  void commitWritten(long number) {
    persistedCommit = Math.max(persistedCommit, number);
  }

  long durable() {
    return durable;
  }

  void writtenThrough(long number) {
    durable = Math.max(durable, number);
  }

  long last() {
    return entries.size();
  }

  Entry get(long number) {
    return number >= 1 && number <= entries.size() ? entries.get((int) (number - 1)) : null;
  }

  /** The number of the entry with this idempotency key, or null. */
  Long numberOf(IdempotencyKey key) {
    return numberByKey.get(key);
  }

  /** Up to {@code max} entries from {@code from} on. */
  List<Entry> range(long from, int max) {
    int start = (int) Math.max(from - 1, 0);
    int end = (int) Math.min(entries.size(), (long) start + max);
    return start >= end ? List.of() : List.copyOf(entries.subList(start, end));
  }

  /** The digest of the log up to and including {@code number} (0: the empty log). */
  String digestAt(long number) {
    return number == 0 ? DigestChain.GENESIS : chain.get((int) (number - 1));
  }

  /** Entries that continue the log. */
  void append(List<Entry> more) {
    for (int i = 0; i < more.size(); i++) {
      if (more.get(i).number() != last() + 1) {
        throw new IllegalArgumentException("entry " + more.get(i).number() + " does not follow " + last());
      }
      remember(more.get(i));
    }
  }

  /**
   * Forgets everything above {@code number}; the commit number comes down with it (it is
   * knowledge, not a promise).
   */
  void truncate(long number) {
    while (entries.size() > number) {
      Entry removed = entries.remove(entries.size() - 1);
      chain.remove(chain.size() - 1);
      numberByKey.remove(removed.key());
    }
    commit = Math.min(commit, last());
    durable = Math.min(durable, last());
  }

  /** Everything from {@code from} on replaced by {@code replacement} (entries from, from+1, …), all on disk. */
  void replaceFrom(long from, List<Entry> replacement, long normalEpoch, long newCommit) {
    if (from < 1 || from > last() + 1) {
      throw new IllegalArgumentException("cannot replace from " + from + " with " + last() + " entries");
    }
    truncate(from - 1);
    append(replacement);
    lastNormalEpoch = normalEpoch;
    commit = Math.min(Math.max(commit, newCommit), last());
    persistedCommit = commit;
    durable = last();
  }

  private void remember(Entry e) {
    String previous = digestAt(entries.size());
    entries.add(e);
    chain.add(DigestChain.next(previous, e));
    numberByKey.put(e.key(), e.number());
  }
}
