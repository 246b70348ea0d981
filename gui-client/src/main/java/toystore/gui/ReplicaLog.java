package toystore.gui;

import java.util.List;
import toystore.wire.order.Entry;

/**
 * One replica's log page as the agent read it ({@code GET /services/{name}/log}, docs/API.md §4): the
 * entries from the window's first number on (committed or not), its commit and last numbers; or,
 * when it could not be read (down, paused, not answering), why not and no entries.
 */
record ReplicaLog(String name, List<Entry> entries, Long commitNumber, Long lastNumber, String problem) {
  ReplicaLog {
    entries = List.copyOf(entries);
  }

  static ReplicaLog read(String name, List<Entry> entries, long commitNumber, long lastNumber) {
    return new ReplicaLog(name, entries, commitNumber, lastNumber, null);
  }

  static ReplicaLog unreadable(String name, String problem) {
    return new ReplicaLog(name, List.of(), null, null, problem);
  }

  boolean readable() {
    return problem == null;
  }
}
