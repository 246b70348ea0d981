package toystore.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import toystore.supervisor.Cluster;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.FreePorts;
import toystore.supervisor.ServiceStartException;

/**
 * The limits every service enforces: header section (431), body (413, with a Content-Length or chunked), URI (414),
 * slow clients cut off without starving others, a fast 503 past the in-flight limit, and every
 * port bound to loopback only.
 */
class LimitsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path dir;
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);
  static int frontend;

  @BeforeAll
  static void start() throws IOException {
    frontend = cluster.cluster().layout().frontendPort();
  }

  private static RawHttp.Reply send(int port, String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    return RawHttp.send(port, RawHttp.request(method, target, headers, body), TIMEOUT);
  }

  @Test
  void aHeaderSectionOverTheLimitIs431InTheErrorShape() throws IOException {
    RawHttp.Reply large = send(frontend, "GET", "/products/Whale", Map.of("X-Large", "h".repeat(20_000)), null);
    Map<String, String> many = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      many.put("X-Many-" + i, "value");
    }
    RawHttp.Reply numerous = send(frontend, "GET", "/products/Whale", many, null);

    for (RawHttp.Reply reply : List.of(large, numerous)) {
      assertThat(reply.status()).isEqualTo(431);
      assertThat(reply.isErrorShape()).as(reply.text()).isTrue();
    }
  }

  @Test
  void bodiesAndUrisOverTheLimitAreRefusedInTheErrorShape() throws IOException {
    byte[] overPublicLimit = ("{\"name\":\"Whale\",\"quantity\":1,\"pad\":\"" + "p".repeat(16 * 1024) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    RawHttp.Reply order = send(frontend, "POST", "/orders", Map.of("Content-Type", "application/json"), overPublicLimit);
    // Internal routes take 8 MiB, but only from a caller with the secret.
    RawHttp.Reply internal = send(cluster.cluster().layout().replicaPort(1), "POST", "/internal/append",
        Map.of("Content-Type", "application/json"), new byte[100_000]);
    // Chunked: no length up front, so the limit is met while reading.
    byte[] chunked = ("POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4400\r\n" + "c".repeat(0x4400)
        + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    RawHttp.Reply streamed = RawHttp.send(frontend, chunked, TIMEOUT);
    RawHttp.Reply longUri = send(frontend, "GET", "/products/" + "a".repeat(20_000), Map.of(), null);

    assertThat(List.of(order.status(), internal.status(), streamed.status(), longUri.status()))
        .containsExactly(413, 413, 413, 414);
    assertThat(List.of(order, internal, streamed, longUri)).allSatisfy(reply ->
        assertThat(reply.isErrorShape()).as(reply.text()).isTrue());
  }

  @Test
  void slowClientsAreCutOffAndDoNotStopOthersBeingServed() throws Exception {
    ExecutorService pool = Executors.newCachedThreadPool();
    AtomicBoolean trickling = new AtomicBoolean(true);
    List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    try {
      // Headers that never end: the connection is closed at the idle timeout (30 s).
      Socket staller = connect(open);
      staller.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      Future<RawHttp.Reply> stalled = pool.submit(() -> RawHttp.read(staller, deadline(Duration.ofSeconds(45)), false));
      // Headers trickled a byte at a time by many connections.
      for (int i = 0; i < 20; i++) {
        Socket slow = connect(open);
        pool.submit(() -> trickle(slow, "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "s".repeat(4000), trickling));
      }
      // A body trickled a byte at a time: its connection is closed once the body deadline passes.
      Socket slowBody = connect(open);
      slowBody.getOutputStream().write(
          "POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{".getBytes(StandardCharsets.US_ASCII));
      pool.submit(() -> trickle(slowBody, "\"".repeat(999), trickling));
      Future<RawHttp.Reply> slowBodyReply = pool.submit(() -> RawHttp.read(slowBody, deadline(Duration.ofSeconds(30)), false));
      // The same for a chunked body trickled a byte at a time: the same deadline applies.
      Socket slowChunks = connect(open);
      slowChunks.getOutputStream().write(
          "POST /orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      pool.submit(() -> trickle(slowChunks, "1\r\n{\r\n".repeat(100), trickling));
      Future<RawHttp.Reply> slowChunksReply = pool.submit(() -> RawHttp.read(slowChunks, deadline(Duration.ofSeconds(30)), false));

      for (int i = 0; i < 20; i++) {
        RawHttp.Reply reply = send(frontend, "GET", i % 2 == 0 ? "/health" : "/products/Whale", Map.of(), null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
      }
      RawHttp.Reply cutBody = slowBodyReply.get(35, TimeUnit.SECONDS);
      assertThat(cutBody.status()).as("closed without an answer: %s", cutBody.text()).isZero();
      RawHttp.Reply cutChunks = slowChunksReply.get(35, TimeUnit.SECONDS);
      assertThat(cutChunks.status()).as("closed without an answer: %s", cutChunks.text()).isZero();
      RawHttp.Reply cutHeaders = stalled.get(50, TimeUnit.SECONDS);
      // Closed without an answer, or with a JSON 408: either way the server let go.
      assertThat(cutHeaders.status()).as(cutHeaders.text()).isIn(0, 408);
    } finally {
      trickling.set(false);
      synchronized (open) {
        for (Socket socket : open) {
          socket.close();
        }
      }
      pool.shutdownNow();
    }
  }

  @Test
  void pastTheInFlightLimitRequestsGetAFast503WhileEarlierOnesAreStillWaiting() throws Exception {
    long catalogPid = cluster.agent().services().stream().filter(s -> s.name().equals("catalog")).findFirst()
        .orElseThrow().pid();
    int requests = 140; // the frontend handles 64 at once
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    List<String> completions = Collections.synchronizedList(new ArrayList<>());
    signal("STOP", catalogPid);
    try {
      List<Future<RawHttp.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String target = "/products/unknown-toy-" + i; // a cache miss: each waits for the stopped catalog
        replies.add(pool.submit(() -> {
          RawHttp.Reply reply = send(frontend, "GET", target, Map.of(), null);
          completions.add(reply.status() + " " + reply.errorMessage());
          return reply;
        }));
      }
      for (Future<RawHttp.Reply> reply : replies) {
        RawHttp.Reply answer = reply.get(30, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.isErrorShape()).isTrue();
      }
    } finally {
      signal("CONT", catalogPid);
      pool.shutdownNow();
    }

    String overloaded = "503 overloaded; retry shortly";
    assertThat(completions).as("completion order").contains(overloaded);
    // The first answers were the refusals, while the requests holding the slots still waited for the catalog.
    assertThat(completions.get(0)).as("completion order %s", completions).isEqualTo(overloaded);
    assertThat(completions).contains("503 catalog unavailable");
    assertThat(send(frontend, "GET", "/products/Whale", Map.of(), null).status()).isEqualTo(200);
  }

  @Test
  void everyServiceListensOnLoopbackOnly() throws IOException {
    List<InetAddress> external = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          external.add(address);
        }
      }
    }
    ClusterLayout layout = cluster.cluster().layout();
    List<Integer> ports = new ArrayList<>(List.of(layout.agentPort(), layout.frontendPort(), layout.catalogPort()));
    layout.replicaIds().forEach(id -> ports.add(layout.replicaPort(id)));

    for (int port : ports) {
      try (Socket loopback = new Socket()) {
        loopback.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      }
      for (InetAddress address : external) {
        try (Socket socket = new Socket()) {
          assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 1000))
              .as("port %d on %s", port, address).isInstanceOf(IOException.class);
        }
      }
    }
  }

  @Test
  void anAgentBoundBeyondLoopbackIsAnnouncedWithAWarning() throws IOException {
    try (FreePorts.Block ports = FreePorts.reserve(4)) {
      Cluster.Config loopback = Cluster.Config.forTest(ports.base(), 1, dir.resolve("exposed"));
      Cluster.Config exposed = new Cluster.Config(loopback.layout(), loopback.dataDir(), loopback.options(), "0.0.0.0",
          loopback.adminToken(), loopback.clusterSecret(), loopback.java());
      List<String> progress = new ArrayList<>();
      // The agent port is taken, so the start stops right after the warning, before any service runs.
      try (ServerSocket taken = new ServerSocket(ports.base(), 1, InetAddress.getByName("0.0.0.0"))) {
        assertThatThrownBy(() -> Cluster.start(exposed, progress::add)).isInstanceOf(ServiceStartException.class);
      }

      assertThat(progress).anySatisfy(line -> assertThat(line).startsWith("WARNING").contains("0.0.0.0"));
    }
  }

  private static Socket connect(List<Socket> open) throws IOException {
    Socket socket = new Socket();
    open.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", frontend), 1000);
    return socket;
  }

  /** Writes {@code text} a byte every 200 ms until done, stopped, or the server closes. */
  private static Void trickle(Socket socket, String text, AtomicBoolean go) throws InterruptedException {
    try {
      OutputStream out = socket.getOutputStream();
      for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
        if (!go.get()) {
          break;
        }
        out.write(b);
        out.flush();
        Thread.sleep(200);
      }
    } catch (IOException closedByServer) {
      // The server cut this client off, which is what it should do.
    }
    return null;
  }

  private static long deadline(Duration within) {
    return System.nanoTime() + within.toNanos();
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", signal, pid).isTrue();
  }
}
