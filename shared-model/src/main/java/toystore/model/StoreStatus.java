package toystore.model;

import java.util.List;

/** {@code GET /status}: what a dashboard shows. {@code leader} is null when no replica leads. */
public record StoreStatus(Integer leader, List<ReplicaStatus> replicas, ServiceStatus catalog, CacheStatus cache) {}
