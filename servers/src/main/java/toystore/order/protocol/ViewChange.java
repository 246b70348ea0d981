package toystore.order.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/** A candidate's way to leading {@code epoch}, step by step (docs/DESIGN.md, "View change"). */
final class ViewChange {
  enum Phase {
    /** Waiting for the peers to join. */
    JOINING,
    /** Fetching the most complete log, page by page. */
    FETCHING,
    /** Writing the adopted log over its own tail. */
    ADOPTING,
    /** Marking its log as this epoch's. */
    MARKING,
    /** Bringing a majority up to the adopted log. */
    REPLICATING
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
  Phase phase = Phase.JOINING;
  /** One of this view change's writes is on its way to disk. */
  boolean writing;
  int source;
  long from;
  long through;
  long fetchSendId;
  final List<Entry> fetched = new ArrayList<>();
  long adoptedLast;
  long replicateDeadline;

  ViewChange(Call call, long epoch, Messages.Joined mine, long joinDeadline) {
    this.call = call;
    this.epoch = epoch;
    this.mine = mine;
    this.joinDeadline = joinDeadline;
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
