package toystore.gui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import toystore.wire.order.Entry;

/**
 * The replicas' logs side by side: one row per entry number in the window, newest first, one cell per
 * replica. A pure function of what the replicas answered, so its rules are tested without a window.
 */
final class LogTable {
  private LogTable() {}

  /** How a replica holds an entry number. */
  enum Mark {
    /** At or below its commit number. */
    COMMITTED,
    /** Above its commit number: it may still be replaced (an old leader's tail). */
    UNCOMMITTED,
    /** It has no entry with this number. */
    MISSING,
    /** Its log could not be read. */
    UNKNOWN
  }

  /**
   * One replica's entry at one number; {@code epoch}, {@code toy} and {@code quantity} are null but
   * for a held entry. {@code commitLine} marks the replica's commit number, the line under which
   * nothing changes.
   */
  record Cell(Mark mark, Long epoch, String toy, Integer quantity, boolean commitLine) {
    static Cell of(Entry entry, boolean committed, boolean commitLine) {
      return new Cell(committed ? Mark.COMMITTED : Mark.UNCOMMITTED, entry.epoch(), entry.name(), entry.quantity(),
          commitLine);
    }

    static Cell without(Mark mark) {
      return new Cell(mark, null, null, null, false);
    }

    boolean held() {
      return mark == Mark.COMMITTED || mark == Mark.UNCOMMITTED;
    }
  }

  /** An entry number and each replica's cell, in the order of the replicas given. */
  record Row(long number, List<Cell> cells) {
    Row {
      cells = List.copyOf(cells);
    }
  }

  /** The highest number any replica holds (0 for empty logs): where a following window ends. */
  static long highest(List<ReplicaLog> logs) {
    return logs.stream().filter(ReplicaLog::readable).mapToLong(ReplicaLog::lastNumber).max().orElse(0);
  }

  /**
   * The lowest number some replica holds above its commit number (an old leader's tail, or a
   * follower's entries not yet known committed), whether or not the window shows it; empty when
   * every log is committed through its end.
   */
  static Optional<Long> firstUncommitted(List<ReplicaLog> logs) {
    return logs.stream().filter(ReplicaLog::readable).filter(log -> log.lastNumber() > log.commitNumber())
        .map(log -> log.commitNumber() + 1).min(Long::compare);
  }

  /** The rows of {@code window}, newest first; a number no replica holds is still a row (all MISSING). */
  static List<Row> rows(List<ReplicaLog> logs, LogWindow window) {
    long highest = highest(logs);
    long top = window.top(highest);
    long bottom = window.bottom(highest);
    List<Map<Long, Entry>> byNumber = new ArrayList<>();
    for (ReplicaLog log : logs) {
      Map<Long, Entry> entries = new HashMap<>();
      log.entries().forEach(entry -> entries.put(entry.number(), entry));
      byNumber.add(entries);
    }
    List<Row> rows = new ArrayList<>();
    for (long number = top; number >= bottom && number > 0; number--) {
      List<Cell> cells = new ArrayList<>(logs.size());
      for (int i = 0; i < logs.size(); i++) {
        cells.add(cell(logs.get(i), byNumber.get(i).get(number), number));
      }
      rows.add(new Row(number, cells));
    }
    return rows;
  }

  private static Cell cell(ReplicaLog log, Entry entry, long number) {
    if (!log.readable()) {
      return Cell.without(Mark.UNKNOWN);
    }
    if (entry == null) {
      return Cell.without(Mark.MISSING);
    }
    return Cell.of(entry, number <= log.commitNumber(), number == log.commitNumber());
  }
}
