package toystore.order.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport;

/** A candidate's way to leading {@code epoch}, step by step (docs/DESIGN.md, "View change"). */
final class ViewChange {
  enum Phase {
    /** Waiting for the peers to join. */
    JOINING(ViewChangeReport.Kind.JOINED),
    /** Fetching the most complete log, page by page. */
    FETCHING(ViewChangeReport.Kind.FETCHED),
    /** Writing the adopted log over its own tail. */
    ADOPTING(ViewChangeReport.Kind.ADOPTED),
    /** Marking its log as this epoch's. */
    MARKING(ViewChangeReport.Kind.MARKED),
    /** Bringing a majority up to the adopted log. */
    REPLICATING(ViewChangeReport.Kind.COMMITTED);

    /** The step that ends this phase. */
    final ViewChangeReport.Kind done;

    Phase(ViewChangeReport.Kind done) {
      this.done = done;
    }
  }

  private static final Comparator<Messages.Joined> COMPLETENESS = Comparator
      .comparingLong(Messages.Joined::lastNormalEpoch).thenComparingLong(Messages.Joined::lastNumber);

  final Call call;
  final long epoch;
  final Messages.Joined mine;
  final long joinDeadline;
  /** Peers asked to join and not answered yet, with the send id of the request. */
  final Map<Integer, Long> asked = new TreeMap<>();
  final Map<Integer, Messages.Joined> joined = new TreeMap<>();
  private Phase phase = Phase.JOINING;
  private final long started;
  private long phaseStarted;
  private final List<ViewChangeRecord.Step> steps = new ArrayList<>();
  /** One of this view change's writes is on its way to disk. */
  boolean writing;
  int source;
  long from;
  long through;
  long fetchSendId;
  final List<Entry> fetched = new ArrayList<>();
  long adoptedLast;
  long replicateDeadline;

  /** {@code asked}: when the replica was asked to lead; {@code now}: its new epoch is on disk, the first step. */
  ViewChange(Call call, long epoch, Messages.Joined mine, long asked, long now, long joinDeadline) {
    this.call = call;
    this.epoch = epoch;
    this.mine = mine;
    this.started = asked;
    this.phaseStarted = now;
    this.joinDeadline = joinDeadline;
    steps.add(new ViewChangeRecord.Step(ViewChangeReport.Kind.NEW_EPOCH, now - asked, false));
  }

  Phase phase() {
    return phase;
  }

  /** Moves on to {@code next} at {@code now}: the step of every phase passed is done, those jumped over skipped. */
  void enter(Phase next, long now) {
    for (int p = phase.ordinal(); p < next.ordinal(); p++) {
      boolean skipped = p != phase.ordinal();
      steps.add(new ViewChangeRecord.Step(Phase.values()[p].done, skipped ? 0 : now - phaseStarted, skipped));
    }
    phase = next;
    phaseStarted = now;
  }

  /** The view change as it ended at {@code now}: led ({@code failure} null, the first commit its last step) or not. */
  ViewChangeRecord record(int leader, long now, String failure) {
    List<ViewChangeRecord.Step> all = new ArrayList<>(steps);
    if (failure == null) {
      all.add(new ViewChangeRecord.Step(phase.done, now - phaseStarted, false));
    }
    return new ViewChangeRecord(epoch, leader, started, List.copyOf(all), failure);
  }

  /**
   * Enough have joined for a majority (any majority holds every committed entry), or all have
   * answered, or the wait is over: a peer cut off or frozen must not hold up the view change.
   */
  boolean joinsDone(int majority, long now) {
    return joined.size() + 1 >= majority || asked.isEmpty() || now >= joinDeadline;
  }

  /**
   * The joined peer with the most complete log, by (lastNormalEpoch, lastNumber), if it beats our
   * own; else null. Every committed entry is on a majority and any two majorities meet, so that
   * log holds all of them.
   */
  Integer mostComplete() {
    Integer best = null;
    Messages.Joined bestLog = mine;
    for (Map.Entry<Integer, Messages.Joined> j : joined.entrySet()) {
      if (COMPLETENESS.compare(j.getValue(), bestLog) > 0) {
        best = j.getKey();
        bestLog = j.getValue();
      }
    }
    return best;
  }
}
