package toystore.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import toystore.config.Settings;

/** The services' outgoing connections come from the source address they are given. */
class ServiceProcessTest {
  private static final int PORT = 27900;

  @Command
  static final class Flags {
    @Mixin
    ServiceFlags flags = new ServiceFlags();
  }

  private static Optional<InetAddress> sourceAddress(Map<String, String> environment, String... args) {
    Flags parsed = new Flags();
    new CommandLine(parsed).parseArgs(args);
    return parsed.flags.sourceAddress(new Settings(environment, Map.of()));
  }

  @Test
  void internalCallsComeFromTheSourceAddressWhileTheServerListensOn127001() throws Exception {
    InetAddress source = InetAddress.getByName("127.27.88.3");
    OkHttpClient http = ServiceProcess.internalHttp(Optional.of(source))
        .newBuilder().build(); // as the services derive theirs: the binding must survive newBuilder()
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress("127.0.0.1", PORT));
      CompletableFuture<InetAddress> peer = CompletableFuture.supplyAsync(() -> answerOnce(server));

      try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + PORT + "/health").build())
          .execute()) {
        assertThat(response.code()).isEqualTo(200);
      }

      assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo(source);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Accepts one connection, answers its request with an empty 200 and returns the caller's address. */
  private static InetAddress answerOnce(ServerSocket server) {
    try (Socket connection = server.accept()) {
      connection.setSoTimeout(10_000);
      InputStream in = connection.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      OutputStream out = connection.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return connection.getInetAddress();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theFlagWinsOverTheEnvironmentAndNoneMeansTheSystemChooses() throws Exception {
    assertThat(sourceAddress(Map.of())).isEmpty();
    assertThat(sourceAddress(Map.of("TOYSTORE_SOURCE_ADDRESS", "none"))).isEmpty();
    assertThat(sourceAddress(Map.of("TOYSTORE_SOURCE_ADDRESS", "127.27.88.4")))
        .contains(InetAddress.getByName("127.27.88.4"));
    assertThat(sourceAddress(Map.of("TOYSTORE_SOURCE_ADDRESS", "127.27.88.4"), "--source-address", "127.27.88.5"))
        .contains(InetAddress.getByName("127.27.88.5"));
  }

  @Test
  void anAddressThatIsNotThisMachinesIsRefusedAtStart() {
    // 192.0.2.0/24 is reserved for documentation: never an address of this machine.
    assertThatThrownBy(() -> sourceAddress(Map.of(), "--source-address", "192.0.2.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192.0.2.1 is not an address of this machine");
  }
}
