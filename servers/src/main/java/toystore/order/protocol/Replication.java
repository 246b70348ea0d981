package toystore.order.protocol;

import java.time.Duration;
import toystore.model.Role;
import toystore.wire.order.Messages;

/**
 * A leader's replication: per follower, what it lacks or a heartbeat, one append at a time, and
 * what its answers say. Part of {@link Replica}, whose state it reads and changes.
 */
final class Replication {
  private final Replica r;
  /** Whether it said it lost its majority, so that it says so once, not every heartbeat. */
  private boolean quorumLost;

  Replication(Replica r) {
    this.r = r;
  }

  /** Per follower: send what it lacks, or a heartbeat, one request at a time. */
  void replicate() {
    if (r.role != Role.LEADER || !r.replicating) {
      return;
    }
    for (Peer peer : r.peers.values()) {
      if (peer.sendId != 0 || r.now < peer.retryAt) {
        continue;
      }
      long next = peer.next == 0 ? r.log.last() + 1 : Math.min(peer.next, r.log.last() + 1);
      boolean behind = next <= r.log.last();
      boolean heartbeatDue = peer.lastSent == null || r.now - peer.lastSent >= r.timing.heartbeat().toNanos();
      // Followers learn of commits at once, so a follower left alone can still vouch for them.
      boolean commitNews = r.log.commit() > peer.lastSentCommit;
      if (!behind && !heartbeatDue && !commitNews) {
        continue;
      }
      peer.request = new Messages.Append(r.log.epoch(), r.id, next, r.log.range(next, r.timing.maxEntriesPerAppend()),
          r.log.commit(), r.epochStart);
      peer.lastSent = r.now;
      peer.lastSentCommit = r.log.commit();
      peer.sendId = r.send(peer.id, new PeerRequest.Append(peer.request));
    }
  }

  void answered(int from, long sendId, Input.PeerAnswer answer, String why) {
    Peer peer = r.peers.get(from);
    if (peer == null) {
      return;
    }
    if (peer.sendId == sendId) {
      Messages.Append request = peer.request;
      peer.sendId = 0;
      peer.request = null;
      if (answer instanceof Input.AppendReply reply) {
        peer.problem = null;
        onAppended(peer, request, reply.appended());
      } else {
        unreachable(peer, why != null ? why : "unexpected answer");
      }
      return;
    }
    r.candidate.answered(from, sendId, answer, why);
  }

  private void unreachable(Peer peer, String problem) {
    String why = String.valueOf(problem);
    // A peer that is down is expected; say so once per kind of problem, not ten times a second.
    if (!why.equals(peer.problem)) {
      peer.problem = why;
      r.note(Effect.Level.INFO, "cannot replicate to replica " + peer.id + ": " + why);
    }
    noteQuorum();
    peer.retryAt = r.now + r.timing.retryPeer().toNanos();
  }

  private void onAppended(Peer peer, Messages.Append request, Messages.Appended reply) {
    if (!r.isCurrent(request.epoch())) {
      return;
    }
    if (reply.epoch() > request.epoch()) {
      r.stepDown("replica " + peer.id + " is in epoch " + reply.epoch());
      return;
    }
    peer.lastContact = r.now;
    noteQuorum();
    if (reply.ok()) {
      peer.match = Math.max(peer.match, request.from() + request.entries().size() - 1);
      peer.next = peer.match + 1;
      r.orders.advanceCommit();
    } else if (reply.needFrom() > 0) {
      peer.next = reply.needFrom();
    }
  }

  /** Says once when this leader loses its majority and once when it has it again. */
  private void noteQuorum() {
    boolean lost = r.role == Role.LEADER && r.aligned && !majorityHeardWithin(r.timing.quorumWindow(), r.now);
    if (lost != quorumLost) {
      quorumLost = lost;
      if (lost) {
        r.note(Effect.Level.WARN, "leader of epoch " + r.log.epoch() + " cannot reach a majority of replicas");
      } else {
        r.note(Effect.Level.INFO, "reaches a majority of replicas again");
      }
    }
  }

  boolean majorityHeardWithin(Duration window, long at) {
    long recent = r.peers.values().stream().filter(p -> p.heardWithin(at, window.toNanos())).count();
    return recent + 1 >= r.majority;
  }
}
