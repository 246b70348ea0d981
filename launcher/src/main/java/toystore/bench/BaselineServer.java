package toystore.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import spark.Service;

/**
 * The benchmark's yardstick: a bare Spark endpoint answering {@code GET /products/{name}} with one
 * fixed product, on the same Jetty, thread pool bound and JVM settings as the frontend. Whatever
 * it cannot do on this machine, the store cannot either; the store's figures are reported as
 * ratios to it. Runs as its own JVM (the benchmark starts it like the supervisor starts services).
 */
@Command(name = "baseline-server", mixinStandardHelpOptions = true,
    description = "A bare Spark endpoint serving GET /products/{name} with a fixed product (the benchmark's baseline).")
public final class BaselineServer implements Callable<Integer> {
  static final String PRODUCT = "{\"data\":{\"name\":\"Whale\",\"price\":34.99,\"quantity\":100}}";
  private static final String JSON = "application/json; charset=utf-8";
  /** The frontend's request thread pool (JsonServer): at most 128 threads, 8 kept, 60 s idle. */
  private static final int MAX_THREADS = 128;
  private static final int MIN_THREADS = 8;
  private static final int IDLE_TIMEOUT_MS = 60_000;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
  private String host;

  @Option(names = "--port", required = true, description = "port to listen on")
  private int port;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BaselineServer()).execute(args));
  }

  /** Serves until the process is stopped. */
  @Override
  public Integer call() throws InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Service http = Service.ignite();
    http.ipAddress(host).port(port).threadPool(MAX_THREADS, MIN_THREADS, IDLE_TIMEOUT_MS);
    http.initExceptionHandler(failure::set);
    http.get("/products/:name", (req, res) -> {
      res.type(JSON);
      return PRODUCT;
    });
    http.get("/health", (req, res) -> {
      res.type(JSON);
      return "{\"data\":{\"status\":\"UP\",\"service\":\"baseline\"}}";
    });
    http.init();
    http.awaitInitialization();
    if (failure.get() != null) {
      System.err.println("baseline-server: cannot listen on " + host + ":" + port + ": " + failure.get().getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      http.stop();
      stopped.countDown();
    }, "baseline-stop"));
    System.out.println("baseline-server: listening on http://" + host + ":" + port);
    stopped.await();
    return 0;
  }
}
