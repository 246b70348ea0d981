package toystore.service;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import toystore.client.JsonHttpClient;
import toystore.config.Settings;
import toystore.http.RequestIds;

/** What the three service mains share: the cluster secret, the HTTP client, running until stopped. */
public final class ServiceProcess {
  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  public static final String SECRET_ENV = "TOYSTORE_CLUSTER_SECRET";
  /** Set by the supervisor: a child whose supervisor is gone (even by SIGKILL) stops by itself. */
  public static final String SUPERVISOR_PID_ENV = "TOYSTORE_SUPERVISOR_PID";

  private ServiceProcess() {}

  /** The cluster secret, from the environment or {@code .env} only: never a flag, so never in {@code ps}. */
  public static String clusterSecret(Settings settings) {
    String secret = settings.string(null, SECRET_ENV, "");
    if (secret.isBlank()) {
      throw new IllegalArgumentException(
          SECRET_ENV + " is not set: every service of one store needs the same cluster secret");
    }
    return secret;
  }

  /**
   * A command line whose failures are one clear line on stderr and exit code 2: bad settings and
   * unreachable resources are the user's to fix, and a stack trace would not help them.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      cl.getErr().println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return 2;
    });
    return commandLine;
  }

  /** Names this process in every log line ({@link ServiceName}); the first thing a service's main does. */
  public static void nameInLogs(String name) {
    System.setProperty(ServiceName.PROPERTY, name);
  }

  /**
   * One pooled client per process for calls to the other services: short, bounded timeouts, the
   * request id of the request being worked on passed on ({@link RequestIds#propagate}), and every
   * connection bound to {@code sourceAddress} when one is given (see {@link ServiceFlags#sourceAddress}).
   * Clients derived with {@code newBuilder()} keep both.
   */
  public static OkHttpClient internalHttp(Optional<InetAddress> sourceAddress) {
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(500), Duration.ofSeconds(3))
        .newBuilder().addInterceptor(RequestIds::propagate).build();
    return sourceAddress
        .map(address -> http.newBuilder().socketFactory(new SourceBoundSockets(address)).build())
        .orElse(http);
  }

  /**
   * Prints what was resolved, then blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), closing
   * {@code service} on the way out so databases are closed cleanly.
   */
  public static void runUntilStopped(String name, Settings settings, AutoCloseable service, String url) {
    settings.describe().lines().forEach(line -> log.info("setting {}", line.strip()));
    log.info("{} listening on {}", name, url);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close();
        log.info("{} stopped", name);
      } catch (Exception e) {
        log.error("{}: error while stopping", name, e);
      } finally {
        stopped.countDown();
      }
    }, name + "-shutdown"));
    exitWithSupervisor();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void exitWithSupervisor() {
    String pid = System.getenv(SUPERVISOR_PID_ENV);
    if (pid == null || pid.isBlank()) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresentOrElse(
        supervisor -> supervisor.onExit().thenRun(() -> {
          log.info("the supervisor is gone; stopping");
          System.exit(0);
        }),
        () -> System.exit(0));
  }
}
