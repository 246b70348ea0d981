package toystore.supervisor;

import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import toystore.config.PortLayout;

/**
 * Where every process of one store the supervisor runs listens and sends from, by the rule of
 * {@link PortLayout}, with the supervisor's derived names (the firewall chain, the replica list).
 *
 * @param replicaPorts the port of replica id i at index i-1
 */
public record ClusterLayout(String host, int agentPort, int frontendPort, int catalogPort, List<Integer> replicaPorts) {
  public static final String HOST = PortLayout.HOST;
  private static final int MAX_REPLICAS = PortLayout.MAX_REPLICAS;

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
    return of(PortLayout.withBase(portBase), replicas);
  }

  public static ClusterLayout standard(int replicas) {
    return of(PortLayout.STANDARD, replicas);
  }

  private static ClusterLayout of(PortLayout ports, int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("at least one order replica is needed");
    }
    return new ClusterLayout(HOST, ports.agent(), ports.frontend(), ports.catalog(),
        IntStream.rangeClosed(1, replicas).map(ports::replica).boxed().toList());
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
    return PortLayout.catalogSource(agentPort);
  }

  public String frontendSourceAddress() {
    return PortLayout.frontendSource(agentPort);
  }

  public String replicaSourceAddress(int id) {
    return PortLayout.replicaSource(agentPort, replicaIndex(id));
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
