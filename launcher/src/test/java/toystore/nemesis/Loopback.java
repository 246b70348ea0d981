package toystore.nemesis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a test can see of loopback traffic: whether a connect gets through, and the kernel's TCP table. */
final class Loopback {
  /** How long a connect may wait for an answer; on loopback an answer takes microseconds. */
  static final int CONNECT_WAIT_MS = 1000;

  /** A TCP connection the kernel lists, IPv4 addresses as dotted quads. */
  record Connection(String localAddress, int localPort, String remoteAddress, int remotePort) {}

  private Loopback() {}

  /**
   * Whether a connect from {@code source} (any port) to 127.0.0.1:{@code port} completes within
   * {@link #CONNECT_WAIT_MS}: false when nothing answers (the SYN was dropped), an exception for any
   * other failure, so a refused connection is never mistaken for a partition.
   */
  static boolean connects(String source, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_WAIT_MS);
      return true;
    } catch (SocketTimeoutException dropped) {
      return false;
    }
  }

  /** Every established IPv4 connection (IPv4-mapped ones of IPv6 sockets included). */
  static List<Connection> established() throws IOException {
    List<Connection> connections = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.strip().split("\\s+");
        String[] local = fields[1].split(":");
        String[] remote = fields[2].split(":");
        boolean open = fields[3].equals("01");
        if (open && ipv4(local[0]) != null && ipv4(remote[0]) != null) {
          connections.add(new Connection(ipv4(local[0]), Integer.parseInt(local[1], 16),
              ipv4(remote[0]), Integer.parseInt(remote[1], 16)));
        }
      }
    }
    return connections;
  }

  /** The kernel prints an IPv4 address as one little-endian word, and an IPv4-mapped IPv6 one with that word last. */
  private static String ipv4(String hex) {
    String word;
    if (hex.length() == 8) {
      word = hex;
    } else if (hex.toUpperCase(Locale.ROOT).startsWith("0000000000000000FFFF0000")) {
      word = hex.substring(24);
    } else {
      return null;
    }
    int value = (int) Long.parseLong(word, 16);
    return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >>> 24);
  }
}
