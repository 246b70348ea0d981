package toystore.supervisor;

import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import toystore.config.PortLayout;

/**
 * Where every process of one store the supervisor runs listens and sends from, by the rule of
 * {@link PortLayout}, with the supervisor's derived names (the firewall chain, the replica list).
 *
 * @param frontendPorts the first frontend's port, then the second's when {@code --frontends 2}
 * @param replicaPorts the port of replica id i at index i-1
 * @param raftPorts the Raft port of replica id i at index i-1 (used in raft mode only)
 */
public record ClusterLayout(String host, int agentPort, List<Integer> frontendPorts, int catalogPort,
    List<Integer> replicaPorts, List<Integer> raftPorts) {
  public static final String HOST = PortLayout.HOST;
  /** {@code --frontends}: one coordinating frontend in lab mode, up to two plain clients in raft mode. */
  public static final int MAX_FRONTENDS = 2;
  private static final int MAX_REPLICAS = PortLayout.MAX_REPLICAS;

  public ClusterLayout {
    frontendPorts = List.copyOf(frontendPorts);
    replicaPorts = List.copyOf(replicaPorts);
    raftPorts = List.copyOf(raftPorts);
    if (frontendPorts.isEmpty() || frontendPorts.size() > MAX_FRONTENDS) {
      throw new IllegalArgumentException("frontends must be 1 or " + MAX_FRONTENDS + ", not " + frontendPorts.size());
    }
    if (replicaPorts.isEmpty()) {
      throw new IllegalArgumentException("at least one order replica is needed");
    }
    if (replicaPorts.size() > MAX_REPLICAS) {
      throw new IllegalArgumentException("at most " + MAX_REPLICAS + " order replicas have a source address");
    }
    if (raftPorts.size() != replicaPorts.size()) {
      throw new IllegalArgumentException("every order replica needs one Raft port");
    }
    Stream.of(List.of(agentPort, catalogPort), frontendPorts, replicaPorts, raftPorts).flatMap(List::stream)
        .filter(port -> port < 1 || port > 65535)
        .findFirst()
        .ifPresent(port -> {
          throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        });
  }

  public static ClusterLayout withPortBase(int portBase, int replicas) {
    return withPortBase(portBase, replicas, 1);
  }

  /** With {@code frontends} 2, the second frontend listens on the port after the last replica ({@link PortLayout}). */
  public static ClusterLayout withPortBase(int portBase, int replicas, int frontends) {
    return of(PortLayout.withBase(portBase, replicas), replicas, frontends);
  }

  public static ClusterLayout standard(int replicas) {
    return standard(replicas, 1);
  }

  public static ClusterLayout standard(int replicas, int frontends) {
    return of(PortLayout.STANDARD, replicas, frontends);
  }

  private static ClusterLayout of(PortLayout ports, int replicas, int frontends) {
    if (replicas < 1) {
      throw new IllegalArgumentException("at least one order replica is needed");
    }
    if (frontends < 1 || frontends > MAX_FRONTENDS) {
      throw new IllegalArgumentException("frontends must be 1 or " + MAX_FRONTENDS + ", not " + frontends);
    }
    List<Integer> frontendPorts = frontends == 1 ? List.of(ports.frontend()) : List.of(ports.frontend(), ports.secondFrontend());
    return new ClusterLayout(HOST, ports.agent(), frontendPorts, ports.catalog(),
        IntStream.rangeClosed(1, replicas).map(ports::replica).boxed().toList(),
        IntStream.rangeClosed(1, replicas).map(ports::raft).boxed().toList());
  }

  /** Replica ids 1..n. */
  public List<Integer> replicaIds() {
    return IntStream.rangeClosed(1, replicaPorts.size()).boxed().toList();
  }

  public int replicaPort(int id) {
    return replicaPorts.get(replicaIndex(id));
  }

  public int raftPort(int id) {
    return raftPorts.get(replicaIndex(id));
  }

  private int replicaIndex(int id) {
    if (id < 1 || id > replicaPorts.size()) {
      throw new IllegalArgumentException("no order replica " + id);
    }
    return id - 1;
  }

  /** The first frontend's port: the one the tools, the dashboard and cluster.json's {@code frontend} use. */
  public int frontendPort() {
    return frontendPorts.get(0);
  }

  /** Frontend {@code index} (0 for the first): {@code frontend}, {@code frontend-2}. */
  public static String frontendName(int index) {
    return index == 0 ? "frontend" : "frontend-" + (index + 1);
  }

  public String agentUrl() {
    return url(agentPort);
  }

  public String frontendUrl() {
    return url(frontendPort());
  }

  /** Every frontend's URL, the first first. */
  public List<String> frontendUrls() {
    return frontendPorts.stream().map(this::url).toList();
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
    return frontendSourceAddress(0);
  }

  /** Frontend {@code index}'s source address (0 for the first). */
  public String frontendSourceAddress(int index) {
    return index == 0 ? PortLayout.frontendSource(agentPort) : PortLayout.secondFrontendSource(agentPort);
  }

  public String replicaSourceAddress(int id) {
    return PortLayout.replicaSource(agentPort, replicaIndex(id));
  }

  /** The store's own iptables chain for partitions, named after its agent port like its source addresses. */
  public String firewallChain() {
    return "TOYSTORE-" + agentPort;
  }

  /** The store's own cgroup (under the cgroup2 root) for raft-mode partitions, named like its chain. */
  public String cgroupName() {
    return "toystore-" + agentPort;
  }

  /** The services' {@code --replicas} argument: {@code 1=URL1,2=URL2,…}. */
  public String replicasArgument() {
    StringJoiner joined = new StringJoiner(",");
    replicaIds().forEach(id -> joined.add(id + "=" + replicaUrl(id)));
    return joined.toString();
  }

  /** The replicas' {@code --raft-peers} argument: {@code 1=host:P1,2=host:P2,…}. */
  public String raftPeersArgument() {
    StringJoiner joined = new StringJoiner(",");
    replicaIds().forEach(id -> joined.add(id + "=" + host + ":" + raftPort(id)));
    return joined.toString();
  }

  /** The catalog's {@code --frontend-url}: every frontend, comma-separated. */
  public String frontendUrlsArgument() {
    return String.join(",", frontendUrls());
  }

  private String url(int port) {
    return "http://" + host + ":" + port;
  }
}
