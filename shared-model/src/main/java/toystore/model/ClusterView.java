package toystore.model;

import java.util.List;

/** {@code GET /cluster} on the agent. */
public record ClusterView(List<ServiceInfo> services) {}
