package toystore.model;

/** {@code <data-dir>/cluster.json}, written by {@code toystore up} once every service is healthy. */
public record ClusterFile(String frontend, String agent, String tokenFile) {}
