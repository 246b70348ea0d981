package toystore.order.protocol;

import java.util.Map;
import toystore.model.Role;

/**
 * A replica as it sees itself right now: what its health check, its metrics and the simulator's
 * invariants read. Changing nothing.
 *
 * @param role null while it neither leads nor follows
 * @param aligned a follower holds its leader's log (else SYNCING); a leader has taken over its epoch's log
 * @param leader the leader of its epoch as far as it knows, or null
 * @param quorum a leader heard from a majority within the quorum window; a follower from its leader
 * @param fault the last disk write's error while writes fail, else null
 * @param followerLag a leader's view: entries in its log each follower has not acknowledged
 * @param ownLag a follower's distance behind the commit number its leader last sent, or null
 */
public record ReplicaView(int id, Role role, boolean aligned, long epoch, long lastNormalEpoch, long commitNumber,
                          long lastNumber, long durableNumber, Integer leader, boolean quorum, String fault,
                          Long ownLag, Map<Integer, Long> followerLag) {}
