package toystore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.model.Product;
import toystore.supervisor.FreePorts;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.ServiceStartException;

class BaselineServerTest {
  @TempDir Path dir;
  /** The baseline server's port is the block's first. */
  private final FreePorts.Block block = FreePorts.reserve(1);

  @AfterEach
  void release() throws IOException {
    block.close();
  }

  @Test
  void servesTheFixedProductFromItsOwnJvmAndStopsCompletely() throws Exception {
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(5));
    try (BaselineProcess server = BaselineProcess.start(JavaCommand.current(), block.base(), dir.resolve("baseline.log"))) {
      StoreClient store = new StoreClient(http, server.url());
      assertThat(store.product("anything")).isEqualTo(new Product("Whale", 34.99, 100));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    // Closed means gone: the port can be bound again.
    try (ServerSocket again = new ServerSocket(block.base())) {
      assertThat(again.isBound()).isTrue();
    }
  }

  @Test
  void refusesAPortThatIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(block.base(), 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> BaselineProcess.start(JavaCommand.current(), block.base(), dir.resolve("baseline.log")))
          .isInstanceOf(ServiceStartException.class)
          .hasMessageContaining("port " + block.base());
    }
  }
}
