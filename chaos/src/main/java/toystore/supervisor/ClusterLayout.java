package toystore.supervisor;

import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;

/**
 * Where every process of one store listens. With a port base P: agent P, frontend P+1, catalog
 * P+2, order replica i at P+2+i (ids 1, 2, 3, …). Without one, the original design's ports: agent
 * 7000, frontend 1234, catalog 2319, replica i at 1114+i.
 *
 * <p>Every service also has a source address of its own for its outgoing connections, so the
 * fault injector can drop one service's packets and not another's: {@code 127.A.B.n} with
 * {@code A.B} the agent port's two bytes and n = 1 for the catalog, 2 the frontend, 2+i replica i.
 * All of 127/8 is on the loopback interface, so nothing needs configuring; two stores on different
 * agent ports never share an address, and none is 127.0.0.x (the agent port is at least 1).
 *
 * @param replicaPorts the port of replica id i at index i-1
 */
public record ClusterLayout(String host, int agentPort, int frontendPort, int catalogPort, List<Integer> replicaPorts) {
  public static final String HOST = "127.0.0.1";
  private static final int CATALOG_SOURCE = 1;
  private static final int FRONTEND_SOURCE = 2;
  private static final int MAX_REPLICAS = 254 - FRONTEND_SOURCE;

  public ClusterLayout {
    replicaPorts = List.copyOf(replicaPorts);
    if (replicaPorts.isEmpty()) {
      throw new IllegalArgumentException("at least one order replica is needed");
    }
    if (replicaPorts.size() > MAX_REPLICAS) {
      throw new IllegalArgumentException("at most " + MAX_REPLICAS + " order replicas have a source address");
    }
    IntStream.concat(IntStream.of(agentPort, frontendPort, catalogPort), replicaPorts.stream().mapToInt(p -> p))
        .filter(port -> port < 1 || port > 65535)
        .findFirst()
        .ifPresent(port -> {
          throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        });
  }

  public static ClusterLayout withPortBase(int portBase, int replicas) {
    return new ClusterLayout(
        HOST, portBase, portBase + 1, portBase + 2, ports(portBase + 3, replicas));
  }

  public static ClusterLayout standard(int replicas) {
    return new ClusterLayout(HOST, 7000, 1234, 2319, ports(1115, replicas));
  }

  private static List<Integer> ports(int first, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one order replica is needed");
    }
    return IntStream.range(first, first + count).boxed().toList();
  }

  /** Replica ids 1..n. */
  public List<Integer> replicaIds() {
    return IntStream.rangeClosed(1, replicaPorts.size()).boxed().toList();
  }

  public int replicaPort(int id) {
    return replicaPorts.get(replicaIndex(id));
  }

  private int replicaIndex(int id) {
    if (id < 1 || id > replicaPorts.size()) {
      throw new IllegalArgumentException("no order replica " + id);
    }
    return id - 1;
  }

  public String agentUrl() {
    return url(agentPort);
  }

  public String frontendUrl() {
    return url(frontendPort);
  }

  public String catalogUrl() {
    return url(catalogPort);
  }

  public String replicaUrl(int id) {
    return url(replicaPort(id));
  }

  public String catalogSourceAddress() {
    return sourceAddress(CATALOG_SOURCE);
  }

  public String frontendSourceAddress() {
    return sourceAddress(FRONTEND_SOURCE);
  }

  public String replicaSourceAddress(int id) {
    return sourceAddress(FRONTEND_SOURCE + 1 + replicaIndex(id));
  }

  private String sourceAddress(int n) {
    return "127." + (agentPort >> 8) + "." + (agentPort & 0xff) + "." + n;
  }

  /** The store's own iptables chain for partitions, named after its agent port like its source addresses. */
  public String firewallChain() {
    return "TOYSTORE-" + agentPort;
  }

  /** The services' {@code --replicas} argument: {@code 1=URL1,2=URL2,…}. */
  public String replicasArgument() {
    StringJoiner joined = new StringJoiner(",");
    replicaIds().forEach(id -> joined.add(id + "=" + replicaUrl(id)));
    return joined.toString();
  }

  private String url(int port) {
    return "http://" + host + ":" + port;
  }
}
