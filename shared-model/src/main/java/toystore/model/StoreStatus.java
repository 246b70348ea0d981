package toystore.model;

import java.util.List;
import toystore.config.Replication;

/**
 * {@code GET /status}: what a dashboard shows. {@code leader} is null when no replica leads;
 * {@code replication} is the engine, {@code leadership} says in words who decides the leader
 * (the frontend in lab mode, Raft in raft mode; docs/API.md §1).
 */
public record StoreStatus(Integer leader, List<ReplicaStatus> replicas, ServiceStatus catalog, CacheStatus cache,
    Replication replication, String leadership) {}
