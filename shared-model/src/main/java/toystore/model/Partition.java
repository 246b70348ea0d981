package toystore.model;

import java.util.List;

/**
 * An active network partition: traffic between services in different {@code groups} is dropped both
 * ways until it is healed. {@code id} names it for {@code DELETE /partitions/{id}}.
 */
public record Partition(String id, List<List<String>> groups) {
  public Partition {
    groups = groups.stream().map(List::copyOf).toList();
  }
}
