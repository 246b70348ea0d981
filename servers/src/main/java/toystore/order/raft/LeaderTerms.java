package toystore.order.raft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import toystore.order.protocol.ViewChangeRecord;
import toystore.wire.order.ViewChangeReport;
import toystore.wire.order.ViewChangeReport.Kind;

/**
 * The Raft terms this replica was elected to lead, as view changes for {@code GET /internal/view-changes}
 * (docs/API.md §4, docs/DESIGN.md "Raft engine"): each starts when the replica last heard from a
 * leader (as a follower, or as the leader stepping down; at first, when its Raft server started),
 * and its steps are {@code ELECTED}, {@code COMMITTED} (the term's first entry applied) and
 * {@code TAKEN_OVER} (the catalog fenced with the term). A term is reported once it is taken over,
 * or failed: the replica stepped down first, or the catalog refused the fence (should a later fence
 * of the same term hold, the report is completed). The last {@link #HISTORY}, on the replica's own
 * clock; thread-safe (Ratis's threads and the take-over's tell it).
 */
final class LeaderTerms {
  static final int HISTORY = 16;

  private final int id;
  private final LongSupplier nanos;
  private final long wallMinusNanos;
  private final Deque<ViewChangeRecord> history = new ArrayDeque<>();
  /** When this replica last heard from a leader, itself included. */
  private long lastLeader;
  /** The term being taken over, or null. */
  private Leading leading;

  /** {@code nanos}: the replica's clock; {@code wallMinusNanos}: the wall clock minus it, fixed at start. */
  LeaderTerms(int id, LongSupplier nanos, long wallMinusNanos) {
    this.id = id;
    this.nanos = nanos;
    this.wallMinusNanos = wallMinusNanos;
    this.lastLeader = nanos.getAsLong();
  }

  /** This follower last heard from its leader {@code millisAgo} ago. */
  synchronized void heardFromLeader(long millisAgo) {
    lastLeader = Math.max(lastLeader, nanos.getAsLong() - TimeUnit.MILLISECONDS.toNanos(millisAgo));
  }

  /** Ratis made this replica leader of {@code term}. */
  synchronized void elected(long term) {
    long now = nanos.getAsLong();
    if (leading != null && !leading.reported) {
      // A leader steps down before it stands again; should Ratis not say so, the old term ends here.
      report(leading, "term " + term + " began before term " + leading.term + " was taken over");
    }
    leading = new Leading(term, lastLeader, now);
    leading.step(Kind.ELECTED, now);
  }

  /** The first entry of {@code term} was applied on this replica while it leads the term. */
  synchronized void committed(long term) {
    if (leading != null && leading.term == term && !leading.reported && !leading.has(Kind.COMMITTED)) {
      leading.step(Kind.COMMITTED, nanos.getAsLong());
    }
  }

  /** The catalog is fenced with {@code term}: the leader takes orders. */
  synchronized void takenOver(long term) {
    if (leading == null || leading.term != term || leading.has(Kind.TAKEN_OVER)) {
      return;
    }
    leading.step(Kind.TAKEN_OVER, nanos.getAsLong());
    if (leading.reported && !history.isEmpty() && history.getLast().epoch() == term) {
      // Reported as fenced out; the fence held after all.
      history.removeLast();
    }
    report(leading, null);
  }

  /** The catalog refused the fence of {@code term} ({@code why}); the take-over retries it. */
  synchronized void fencedOut(long term, String why) {
    if (leading != null && leading.term == term && !leading.reported) {
      report(leading, why);
    }
  }

  /** This replica stopped leading: the leader it last heard from is itself, now. */
  synchronized void steppedDown() {
    lastLeader = Math.max(lastLeader, nanos.getAsLong());
    if (leading != null && !leading.reported) {
      report(leading, "stepped down before taking over term " + leading.term);
    }
    leading = null;
  }

  /** The terms reported, oldest first, with a wall-clock start. */
  synchronized List<ViewChangeReport> reports() {
    return history.stream().map(record -> record.report(wallMinusNanos)).toList();
  }

  private void report(Leading term, String failure) {
    term.reported = true;
    history.addLast(new ViewChangeRecord(term.term, id, term.started, List.copyOf(term.steps), failure));
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
  }

  /** A term this replica leads, its steps so far. */
  private static final class Leading {
    final long term;
    final long started;
    final List<ViewChangeRecord.Step> steps = new ArrayList<>();
    long lastStep;
    boolean reported;

    Leading(long term, long started, long now) {
      this.term = term;
      this.started = Math.min(started, now);
      this.lastStep = this.started;
    }

    void step(Kind kind, long now) {
      steps.add(new ViewChangeRecord.Step(kind, Math.max(0, now - lastStep), false));
      lastStep = Math.max(lastStep, now);
    }

    boolean has(Kind kind) {
      return steps.stream().anyMatch(s -> s.kind() == kind);
    }
  }
}
