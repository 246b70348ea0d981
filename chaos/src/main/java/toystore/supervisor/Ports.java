package toystore.supervisor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port is free before a process is started on it. */
public final class Ports {
  private Ports() {}

  /**
   * Fails when someone already listens on the address. Checked before launching: a stranger on a
   * service's port would answer our health checks while our own child dies on bind.
   */
  public static void ensureFree(String host, int port, String owner) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new ServiceStartException("port " + port + " for " + owner + " is already in use (" + e.getMessage() + ")");
    }
  }
}
