package toystore.order.protocol;

import java.util.ArrayList;
import java.util.List;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A follower not yet aligned with its leader gathers the leader's entries above its own commit
 * number here, over as many appends as it takes; they replace its tail in one write once they
 * reach the leader's epoch start, never leaving a half-replaced log behind (VR's StartView, in pages).
 */
final class Staging {
  private final List<Entry> entries = new ArrayList<>();
  private long epoch;
  private long from;

  /**
   * Takes what {@code append} adds. Returns the first number still missing, or 0 once the leader's
   * starting log is complete (then {@link #from} and {@link #entries} are the swap to make).
   * Everything up to {@code keepThrough} (our commit number) is on the leader too and stays.
   */
  long offer(Messages.Append append, long keepThrough) {
    boolean continuing = epoch == append.epoch() && append.from() <= from + entries.size();
    if (!continuing) {
      entries.clear();
      epoch = append.epoch();
      from = keepThrough + 1;
      if (append.from() > from) {
        return from;
      }
    }
    for (Entry e : append.entries()) {
      if (e.number() == from + entries.size()) {
        entries.add(e);
      }
    }
    long through = from + entries.size() - 1;
    return through < append.epochStart() ? through + 1 : 0;
  }

  long from() {
    return from;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  void clear() {
    entries.clear();
    epoch = 0;
  }
}
