package toystore.order;

import java.util.Map;

/**
 * What a scrape shows of a replica, read at once under its lock.
 *
 * @param role null while it neither leads nor follows
 * @param ownLag a follower's distance behind the commit number its leader last sent; null when it
 *     leads, has no role, or has not heard from a leader since it started
 * @param followerLag the leader's view: orders in its log that each follower has not acknowledged;
 *     empty unless it leads and replicates
 */
record ReplicaFigures(Replica.Role role, long epoch, long commitNumber, long lastNumber, boolean quorum,
                      boolean diskFault, Long ownLag, Map<Integer, Long> followerLag) {}
