package toystore.model;

import java.util.List;
import toystore.config.Replication;

/** {@code GET /cluster} on the agent: every service, and the engine that replicates the orders. */
public record ClusterView(List<ServiceInfo> services, Replication replication) {}
