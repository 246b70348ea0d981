package toystore.model;

/**
 * {@code GET /health} of an order replica (docs/API.md §4). {@code lastOrder} is the highest
 * committed order number, {@code digest} a hash over the committed log (equal exactly when the logs
 * are equal), {@code state} is SYNCING until the replica holds everything its leader has committed,
 * then UP. {@code role} is null while the replica has not been told who leads. {@code quorum}: a
 * leader has heard from a majority of replicas just now (a follower: from its leader); a leader
 * without it cannot commit. {@code fault} is the error of its failing disk writes, or null while
 * writes work (in raft mode also why the replica is out of Raft, docs/API.md §5).
 */
public record ReplicaHealth(
    State status, int id, Role role, State state, long lastOrder, String digest, long epoch, Integer leader,
    boolean quorum, String fault) {}
