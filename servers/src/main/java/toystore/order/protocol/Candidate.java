package toystore.order.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A candidate's view change (docs/DESIGN.md, "View change"): fences the peers, adopts the most
 * complete log of a majority, re-replicates it to a majority, and only then takes orders; and the
 * catalog's fence of the new epoch. Part of {@link Replica}, whose state it reads and changes.
 */
final class Candidate {
  /** How many past view changes a replica keeps for the dashboard (docs/DESIGN.md "Protocol activity"). */
  static final int HISTORY = 16;

  private final Replica r;
  /** The view changes this replica led, oldest first, the last {@link #HISTORY}. */
  private final Deque<ViewChangeRecord> history = new ArrayDeque<>();
  /** The view change in progress, or null. */
  ViewChange current;
  /** The epoch the catalog must still be told (0: none), the one being told, and when to try again. */
  private long fenceEpoch;
  private long fenceSent;
  private long fenceAt;
  private boolean fenceSaid;

  Candidate(Replica r) {
    this.r = r;
  }

  void lead(Input.Lead in) {
    long epoch = in.epoch();
    if (epoch <= r.log.epoch()) {
      r.reply(in.call(), new Outcome.StaleEpoch("epoch " + epoch + " is not newer than " + r.log.epoch()));
      return;
    }
    long asked = r.now;
    r.enterEpoch(epoch, r.id, in.call(), () -> {
      r.note(Effect.Level.INFO, "leading epoch " + epoch + ", fencing peers");
      current = new ViewChange(in.call(), epoch, r.joined(), asked, r.now,
          r.now + r.timing.joinWait().toNanos());
      for (Peer peer : r.peers.values()) {
        current.asked.put(peer.id, r.send(peer.id, new PeerRequest.Join(new Messages.Join(epoch, r.id))));
      }
    });
  }

  /** Takes the view change as far as it can go now; each step's write ends the step. */
  void advance() {
    ViewChange vc = current;
    while (vc != null && vc == current && !vc.writing) {
      ViewChange.Phase before = vc.phase();
      if (!r.isCurrent(vc.epoch)) {
        end(new Outcome.StaleEpoch("epoch " + vc.epoch + " was superseded"));
      } else if (vc.phase() == ViewChange.Phase.JOINING && vc.joinsDone(r.majority, r.now)) {
        decide(vc);
      } else if (vc.phase() == ViewChange.Phase.ADOPTING && r.writing == null) {
        adopt(vc);
      } else if (vc.phase() == ViewChange.Phase.MARKING && r.writing == null) {
        mark(vc);
      } else if (vc.phase() == ViewChange.Phase.REPLICATING && r.log.commit() >= vc.adoptedLast) {
        r.aligned = true;
        r.note(Effect.Level.INFO, "leader of epoch " + vc.epoch + " with " + r.log.commit() + " orders committed");
        end(new Outcome.Led(vc.epoch));
      } else if (vc.phase() == ViewChange.Phase.REPLICATING && r.now >= vc.replicateDeadline) {
        end(new Outcome.NoMajority("could not re-replicate the log to a majority"));
      }
      if (vc.phase() == before) {
        return;
      }
    }
  }

  private void decide(ViewChange vc) {
    if (vc.joined.size() + 1 < r.majority) {
      r.role = null;
      r.leaderId = null;
      end(new Outcome.NoMajority("no majority of replicas reachable"));
      return;
    }
    // Only now: had this candidate failed, its fence would have shut out a leader still in office.
    // In the background: a catalog that is down must not hold up the view change, and every
    // purchase carries the epoch anyway.
    fenceEpoch = vc.epoch;
    fenceAt = r.now;
    fenceSaid = false;
    Integer best = vc.mostComplete();
    if (best == null) {
      vc.enter(ViewChange.Phase.MARKING, r.now);
      return;
    }
    // Copies the committed-or-not tail of the most complete log over our uncommitted tail.
    vc.source = best;
    vc.from = vc.mine.commitNumber() + 1;
    vc.through = vc.joined.get(best).lastNumber();
    if (vc.from <= vc.through) {
      vc.enter(ViewChange.Phase.FETCHING, r.now);
      vc.fetchSendId = r.send(best, new PeerRequest.FetchLog(vc.from));
    } else {
      vc.enter(ViewChange.Phase.ADOPTING, r.now);
    }
  }

  private void fetched(ViewChange vc, int peer, Input.PeerAnswer answer, String why) {
    if (!(answer instanceof Input.LogPageReply page)) {
      end(new Outcome.NoMajority("replica " + peer + " did not send its log: "
          + (why != null ? why : "unexpected answer")));
      return;
    }
    long next = vc.from + vc.fetched.size();
    List<Entry> useful = new ArrayList<>();
    for (Entry e : page.entries()) {
      if (e.number() == next + useful.size() && e.number() <= vc.through) {
        useful.add(e);
      }
    }
    if (useful.isEmpty()) {
      end(new Outcome.NoMajority("replica " + peer + " no longer has its log"));
      return;
    }
    vc.fetched.addAll(useful);
    next += useful.size();
    if (next <= vc.through) {
      vc.fetchSendId = r.send(peer, new PeerRequest.FetchLog(next));
    } else {
      vc.enter(ViewChange.Phase.ADOPTING, r.now);
    }
  }

  private void adopt(ViewChange vc) {
    List<Entry> adopted = List.copyOf(vc.fetched);
    long commit = Math.min(r.log.commit(), vc.from - 1 + adopted.size());
    vc.writing = true;
    r.persist(new Write.ReplaceFrom(vc.from, adopted, vc.epoch, commit), () -> {
      vc.writing = false;
      r.log.replaceFrom(vc.from, adopted, vc.epoch, commit);
      r.note(Effect.Level.INFO, "adopted orders " + vc.from + ".." + vc.through + " from replica " + vc.source);
      vc.enter(ViewChange.Phase.MARKING, r.now);
    }, error -> end(new Outcome.DiskFault(r.id)));
  }

  private void mark(ViewChange vc) {
    if (r.log.lastNormalEpoch() == vc.epoch) {
      startReplicating(vc);
      return;
    }
    vc.writing = true;
    r.persist(new Write.SetNormalEpoch(vc.epoch), () -> {
      vc.writing = false;
      r.log.setLastNormalEpoch(vc.epoch);
      startReplicating(vc);
    }, error -> end(new Outcome.DiskFault(r.id)));
  }

  private void startReplicating(ViewChange vc) {
    vc.adoptedLast = r.log.last();
    r.epochStart = vc.adoptedLast;
    r.replicating = true;
    for (Peer peer : r.peers.values()) {
      Messages.Joined theirs = vc.joined.get(peer.id);
      peer.next = theirs == null ? vc.adoptedLast + 1 : theirs.commitNumber() + 1;
      peer.match = 0;
    }
    vc.replicateDeadline = r.now + r.timing.rereplicationWait().toNanos();
    vc.enter(ViewChange.Phase.REPLICATING, r.now);
    r.orders.advanceCommit();
  }

  private void end(Outcome outcome) {
    history.addLast(current.record(r.id, r.now, failure(outcome)));
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    r.reply(current.call, outcome);
    current = null;
  }

  /** Why a view change ended without leading, or null when it leads. */
  private static String failure(Outcome outcome) {
    if (outcome instanceof Outcome.StaleEpoch stale) {
      return stale.why();
    } else if (outcome instanceof Outcome.NoMajority none) {
      return none.why();
    } else if (outcome instanceof Outcome.DiskFault) {
      return "a disk write failed";
    }
    return null;
  }

  /** The view changes this replica led, oldest first (the last {@link #HISTORY}). */
  List<ViewChangeRecord> history() {
    return List.copyOf(history);
  }

  /** Tells the catalog the new epoch before this leader's first purchase, retrying while it leads. */
  void fenceCatalog() {
    if (fenceEpoch == 0 || fenceSent != 0 || r.now < fenceAt) {
      return;
    }
    if (!r.isCurrent(fenceEpoch)) {
      fenceEpoch = 0;
      return;
    }
    fenceSent = fenceEpoch;
    r.emit(new Effect.FenceCatalog(fenceEpoch));
  }

  void fenced(long epoch, String why) {
    if (epoch != fenceSent) {
      return;
    }
    fenceSent = 0;
    if (epoch != fenceEpoch) {
      return;
    }
    if (why == null) {
      fenceEpoch = 0;
      return;
    }
    if (!fenceSaid) {
      r.note(Effect.Level.INFO, "could not fence the catalog at epoch " + epoch + " yet (" + why + "); retrying");
      fenceSaid = true;
    }
    fenceAt = r.now + r.timing.fenceRetry().toNanos();
  }

  /** A peer answered (or not) a join or a page of its log this view change asked for. */
  void answered(int from, long sendId, Input.PeerAnswer answer, String why) {
    ViewChange vc = current;
    if (vc != null && vc.phase() == ViewChange.Phase.JOINING && Objects.equals(vc.asked.get(from), sendId)) {
      vc.asked.remove(from);
      if (answer instanceof Input.JoinAccepted accepted) {
        vc.joined.put(from, accepted.joined());
      } else {
        String reason = answer instanceof Input.JoinRefused refused ? refused.why() : why;
        r.note(Effect.Level.INFO, "peer " + from + " did not join epoch " + vc.epoch + ": " + reason);
      }
    } else if (vc != null && vc.phase() == ViewChange.Phase.FETCHING && vc.fetchSendId == sendId) {
      fetched(vc, from, answer, why);
    }
  }

  /** This replica stepped down or moved to a newer epoch: the view change in progress is over. */
  void superseded() {
    if (current != null) {
      end(new Outcome.StaleEpoch("epoch " + current.epoch + " was superseded"));
    }
  }
}
