package toystore.model;

/**
 * One order replica as the frontend sees it. {@code state} is UP, DOWN or SYNCING; {@code role} is
 * LEADER, FOLLOWER or null when unknown.
 */
public record ReplicaStatus(int id, String url, String state, String role, long lastOrder, String digest) {}
