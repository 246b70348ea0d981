package toystore.nemesis;

import java.util.List;

/**
 * One rule of a partition: TCP packets from {@code source} (a service's own loopback address) to
 * {@code destination:port} (another service's listening socket) are dropped. The {@code comment}
 * names the partition, so {@code iptables -S} shows what each rule belongs to.
 */
record DropRule(String source, String destination, int port, String comment) {
  DropRule {
    // Our rules only ever match loopback traffic (docs/DESIGN.md, "Partitions").
    if (!source.startsWith("127.") || !destination.startsWith("127.")) {
      throw new IllegalArgumentException("a drop rule matches loopback addresses only, not " + source + " -> " + destination);
    }
  }

  /** The rule's iptables arguments after {@code -A CHAIN} or {@code -D CHAIN}. */
  List<String> arguments() {
    return List.of("-s", source, "-d", destination, "-p", "tcp", "--dport", Integer.toString(port),
        "-m", "comment", "--comment", comment, "-j", "DROP");
  }
}
