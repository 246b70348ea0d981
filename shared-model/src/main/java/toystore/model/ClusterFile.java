package toystore.model;

import java.util.List;
import toystore.config.Replication;

/**
 * {@code <data-dir>/cluster.json}, written by {@code toystore up} once every service is healthy.
 * {@code frontend} is the first frontend, the one tools use; {@code replication} (the engine) and
 * {@code frontends} (every frontend, the first first) are null in a file written before they existed.
 */
public record ClusterFile(String frontend, String agent, String tokenFile, Replication replication,
    List<String> frontends) {}
