package toystore.model;

/**
 * One order replica as the frontend sees it; {@code role} is null when unknown.
 */
public record ReplicaStatus(int id, String url, State state, Role role, long lastOrder, String digest) {}
