package toystore.frontend.election;

import toystore.model.Role;

/**
 * What one replica's health check said, as the coordinator needs it (the shell parses the wire's
 * {@code ReplicaHealth} into this).
 *
 * @param role null while it neither leads nor follows
 * @param aligned its state is UP: a follower holds what its leader committed, a leader has taken over its epoch's log
 * @param quorum a leader heard from a majority just now (a follower: from its leader)
 * @param diskFault its disk writes fail
 */
public record Health(int id, Role role, boolean aligned, long epoch, boolean quorum, boolean diskFault) {
  /** A leader that is fit to stay leader: it reaches a majority. */
  boolean leadsWithQuorum() {
    return role == Role.LEADER && quorum;
  }

  /**
   * Whether to ask it to lead: not when its disk fails, and not when it leads already but cannot
   * reach a majority (it is the one cut off; asking it again would only wait out the join).
   */
  boolean canLead() {
    return !diskFault && !(role == Role.LEADER && !quorum);
  }
}
