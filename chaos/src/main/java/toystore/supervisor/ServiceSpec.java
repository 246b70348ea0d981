package toystore.supervisor;

import java.util.List;

/**
 * One service the supervisor runs: its name ({@code catalog}, {@code frontend}, {@code order-1}, …),
 * kind ({@code catalog|frontend|order}), replica id (null unless an order replica), address, the
 * source address of its outgoing connections, the port of its Ratis peer (a replica in raft mode,
 * else null), and the main class and arguments it is launched with.
 */
record ServiceSpec(String name, String kind, Integer id, String host, int port, String sourceAddress, Integer raftPort,
    String mainClass, List<String> args) {
  ServiceSpec {
    args = List.copyOf(args);
  }

  String url() {
    return "http://" + host + ":" + port;
  }

  boolean isReplica() {
    return id != null;
  }
}
