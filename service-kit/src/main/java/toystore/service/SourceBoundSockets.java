package toystore.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets whose local end is bound to one address (any port) before they connect. OkHttp creates
 * its sockets unconnected through {@link #createSocket()} and connects them itself, so binding there
 * fixes the source address of every outgoing connection; the fault injector can then tell this
 * service's packets from every other's on loopback.
 */
final class SourceBoundSockets extends SocketFactory {
  private final InetAddress source;

  SourceBoundSockets(InetAddress source) {
    this.source = source;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    try {
      socket.bind(new InetSocketAddress(source, 0));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  /** An explicit local address from the caller wins over ours. */
  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return new Socket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort) throws IOException {
    return new Socket(host, port, localHost, localPort);
  }

  private Socket connected(InetSocketAddress remote) throws IOException {
    Socket socket = createSocket();
    try {
      socket.connect(remote);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }
}
