package toystore.frontend;

import java.util.List;
import toystore.client.ReplicaClient;
import toystore.model.ReplicaStatus;

/**
 * Where the {@link OrderForwarder} gets the order leader from: in lab mode the frontend's own
 * election ({@link LeaderSelector}: highest live id, fencing epochs), in raft mode the replica Raft
 * elected ({@link RaftLeaderFinder}: the frontend only follows). docs/DESIGN.md "Frontend".
 */
interface LeaderSource extends AutoCloseable {
  /** No leader can be had right now. */
  final class NoLeader extends Exception {
    NoLeader(String message) {
      super(message, null, false, false);
    }
  }

  /** Finds the first leader (as far as the engine allows) and starts watching the replicas. */
  void start();

  /** The current leader, finding one first if there is none. */
  ReplicaClient leader() throws NoLeader;

  /** {@code failed} did not answer or says it does not lead: find the leader again and cancel the calls still waiting on it. */
  void leaderFailed(ReplicaClient failed, String why);

  /** The replica orders go to now, or null. */
  Integer leaderId();

  /** Every live replica, highest id first: who can answer reads when no leader can be had. */
  List<ReplicaClient> liveReplicas();

  /** Each replica as the last health probe saw it, for {@code /status}. */
  List<ReplicaStatus> statuses();

  /** Who decides leadership, in a few words for {@code /status} (docs/API.md §1). */
  String leadership();

  @Override
  void close();
}
