package toystore.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Where order replica {@code id} listens. */
public record ReplicaAddress(int id, String url) {
  /** Parses {@code 1=http://127.0.0.1:1115,2=http://127.0.0.1:1116}, sorted by id. */
  public static List<ReplicaAddress> parseList(String spec) {
    List<ReplicaAddress> replicas = new ArrayList<>();
    for (String part : spec.split(",")) {
      String item = part.strip();
      int eq = item.indexOf('=');
      if (item.isEmpty()) {
        continue;
      }
      if (eq <= 0) {
        throw new IllegalArgumentException("replica list entries look like 1=http://host:port, not '" + item + "'");
      }
      int id;
      try {
        id = Integer.parseInt(item.substring(0, eq).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("replica id must be a number in '" + item + "'");
      }
      replicas.add(new ReplicaAddress(id, item.substring(eq + 1).strip().replaceAll("/$", "")));
    }
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("the replica list is empty");
    }
    if (replicas.stream().map(ReplicaAddress::id).distinct().count() != replicas.size()) {
      throw new IllegalArgumentException("replica ids must be unique: " + spec);
    }
    replicas.sort(Comparator.comparingInt(ReplicaAddress::id));
    return List.copyOf(replicas);
  }

  /** A majority of {@code n} replicas: 2 of 3, 3 of 5, ⌈(n+1)/2⌉. */
  public static int majority(int n) {
    return n / 2 + 1;
  }
}
