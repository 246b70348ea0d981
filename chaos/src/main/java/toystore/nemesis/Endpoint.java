package toystore.nemesis;

/**
 * A service as the firewall sees it: where it listens ({@code host:port}), the address its own
 * outgoing connections come from, and, for an order replica in raft mode, the port its Ratis peer
 * listens on (null otherwise). Ratis' connections cannot be bound to a source address, so a
 * partition tells them apart by the replica's cgroup instead ({@link Cgroups}).
 */
public record Endpoint(String name, String host, int port, String sourceAddress, Integer raftPort) {
  /** A service without a Raft port. */
  public Endpoint(String name, String host, int port, String sourceAddress) {
    this(name, host, port, sourceAddress, null);
  }
}
