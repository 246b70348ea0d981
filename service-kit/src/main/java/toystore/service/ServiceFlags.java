package toystore.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import toystore.config.PortLayout;
import toystore.config.Settings;

/** The flags every service process takes; each falls back to its environment variable. */
public final class ServiceFlags {
  @Option(names = "--host", description = "Address to bind (env TOYSTORE_HOST, default " + PortLayout.HOST + ").")
  private String host;

  @Option(names = "--port", description = "Port to listen on (env TOYSTORE_PORT; default per service).")
  private Integer port;

  @Option(names = "--data-dir", description = "Directory of the SQLite files (env TOYSTORE_DATA_DIR, default ./data).")
  private Path dataDir;

  @Option(names = "--source-address", description = "Local address every outgoing connection to the other"
      + " services is bound to (env TOYSTORE_SOURCE_ADDRESS, default none: the system chooses).")
  private String sourceAddress;

  public String host(Settings settings) {
    return settings.string(host, "TOYSTORE_HOST", PortLayout.HOST);
  }

  public int port(Settings settings, int defaultPort) {
    return settings.integer(port, "TOYSTORE_PORT", defaultPort);
  }

  public Path dataDir(Settings settings) {
    return Path.of(settings.string(dataDir == null ? null : dataDir.toString(), "TOYSTORE_DATA_DIR", "data"));
  }

  /**
   * The address to bind outgoing connections to, or empty for the system's choice. It is checked by
   * binding a socket to it once, so a wrong one fails the start rather than every later call.
   */
  public Optional<InetAddress> sourceAddress(Settings settings) {
    String value = settings.string(sourceAddress, "TOYSTORE_SOURCE_ADDRESS", "none").strip();
    if (value.isEmpty() || value.equals("none")) {
      return Optional.empty();
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("TOYSTORE_SOURCE_ADDRESS '" + value + "' is not an address", e);
    }
    try (Socket probe = new Socket()) {
      probe.bind(new InetSocketAddress(address, 0));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "TOYSTORE_SOURCE_ADDRESS " + value + " is not an address of this machine (" + e.getMessage() + ")", e);
    }
    return Optional.of(address);
  }
}
