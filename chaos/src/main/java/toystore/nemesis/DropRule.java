package toystore.nemesis;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a partition: TCP packets to {@code destination:port} (another service's listening
 * socket) are dropped when they come from {@code source} (a service's own loopback address) or,
 * for Raft traffic, which comes from 127.0.0.1, from a process in {@code cgroup} (a path under the
 * cgroup2 root). Exactly one of the two is set. The {@code comment} names the partition, so
 * {@code iptables -S} shows what each rule belongs to.
 */
record DropRule(String source, String cgroup, String destination, int port, String comment) {
  DropRule {
    if ((source == null) == (cgroup == null)) {
      throw new IllegalArgumentException("a drop rule matches a source address or a cgroup, not both or neither");
    }
    // Our rules only ever match loopback traffic (docs/DESIGN.md, "Partitions").
    if (source != null && !source.startsWith("127.") || !destination.startsWith("127.")) {
      throw new IllegalArgumentException("a drop rule matches loopback addresses only, not " + source + " -> " + destination);
    }
  }

  static DropRule fromAddress(String source, String destination, int port, String comment) {
    return new DropRule(source, null, destination, port, comment);
  }

  static DropRule fromCgroup(String cgroup, String destination, int port, String comment) {
    return new DropRule(null, cgroup, destination, port, comment);
  }

  /** The rule's iptables arguments after {@code -A CHAIN} or {@code -D CHAIN}. */
  List<String> arguments() {
    List<String> args = new ArrayList<>();
    if (source != null) {
      args.addAll(List.of("-s", source, "-d", destination));
    } else {
      args.addAll(List.of("-o", "lo", "-d", destination));
    }
    args.addAll(List.of("-p", "tcp", "--dport", Integer.toString(port)));
    if (cgroup != null) {
      args.addAll(List.of("-m", "cgroup", "--path", cgroup));
    }
    args.addAll(List.of("-m", "comment", "--comment", comment, "-j", "DROP"));
    return args;
  }
}
