package toystore.order.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.DigestChain;
import toystore.wire.order.Entry;

/**
 * The state machine's orders in memory, everything applied (its database may be behind): numbered 1, 2, 3 … in commit
 * order, each key once, with the same digest chain as the lab log. Thread-safe: the applier writes,
 * request threads read.
 */
final class OrderBook {
  private final List<Entry> entries = new ArrayList<>();
  private final List<String> chain = new ArrayList<>();
  /** Only looked up, never iterated. */
  private final Map<IdempotencyKey, Long> numberByKey = new HashMap<>();

  OrderBook(List<Entry> restored) {
    restored.forEach(this::add);
  }

  /**
   * The verdict on a committed command in {@code term}, and the entry it adds (null if none). Pure:
   * the state machine then {@link #add}s the entry.
   */
  synchronized Decision decide(OrderCommand command, long term) {
    Long existing = numberByKey.get(command.key());
    if (existing != null) {
      return new Decision(new Applied(Applied.Verdict.REPEATED, existing), null);
    }
    if (command.purchaseTerm() != term) {
      return new Decision(new Applied(Applied.Verdict.STALE_TERM, 0), null);
    }
    long number = entries.size() + 1L;
    return new Decision(new Applied(Applied.Verdict.ORDERED, number),
        new Entry(number, command.name(), command.quantity(), command.key(), term));
  }

  /** A verdict and the entry it adds, or null. */
  record Decision(Applied applied, Entry entry) {}

  synchronized void add(Entry e) {
    if (e.number() != entries.size() + 1) {
      throw new IllegalArgumentException("order " + e.number() + " does not follow " + entries.size());
    }
    chain.add(DigestChain.next(digest(), e));
    entries.add(e);
    numberByKey.put(e.key(), e.number());
  }

  /** The last number and the digest through it, read together. */
  record Head(long last, String digest) {}

  synchronized Head head() {
    return new Head(entries.size(), digest());
  }

  synchronized long last() {
    return entries.size();
  }

  /** The digest of the whole log (the empty log's without orders). */
  synchronized String digest() {
    return chain.isEmpty() ? DigestChain.GENESIS : chain.get(chain.size() - 1);
  }

  synchronized Entry get(long number) {
    return number >= 1 && number <= entries.size() ? entries.get((int) (number - 1)) : null;
  }

  synchronized Long numberOf(IdempotencyKey key) {
    return numberByKey.get(key);
  }

  /** Up to {@code max} entries from {@code from} on. */
  synchronized List<Entry> range(long from, int max) {
    int start = (int) Math.max(from - 1, 0);
    int end = (int) Math.min(entries.size(), (long) start + max);
    return start >= end ? List.of() : List.copyOf(entries.subList(start, end));
  }
}
