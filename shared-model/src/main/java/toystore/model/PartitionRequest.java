package toystore.model;

import java.util.List;

/** {@code POST /partitions}: the groups of service names to cut apart. */
public record PartitionRequest(List<List<String>> groups) {}
