package toystore.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import toystore.client.JsonHttpClient;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.Ports;

/** A {@link BaselineServer} in a child JVM, started like the supervisor starts a service. */
final class BaselineProcess implements AutoCloseable {
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final String url;

  private BaselineProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts the server on {@code port} and returns once it answers {@code GET /health}. */
  static BaselineProcess start(JavaCommand java, int port, Path logFile)
      throws IOException, InterruptedException {
    String url = "http://" + ClusterLayout.HOST + ":" + port;
    Ports.ensureFree(ClusterLayout.HOST, port, "the baseline server");
    Process process = new ProcessBuilder(java.command(BaselineServer.class.getName(),
            List.of("--host", ClusterLayout.HOST, "--port", Integer.toString(port))))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
    BaselineProcess baseline = new BaselineProcess(process, url);
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofSeconds(1), Duration.ofSeconds(2));
    try {
      baseline.awaitHealthy(new JsonHttpClient(http, url, null), logFile);
      return baseline;
    } catch (IOException | InterruptedException | RuntimeException e) {
      baseline.close();
      throw e;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private void awaitHealthy(JsonHttpClient client, Path logFile) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("the baseline server exited with status " + process.exitValue() + "; see " + logFile);
      }
      try {
        client.get(List.of("health"), Object.class);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the baseline server did not answer within " + HEALTHY_TIMEOUT.toSeconds()
              + " s; see " + logFile, notYet);
        }
      }
      Thread.sleep(100);
    }
  }

  String url() {
    return url;
  }

  /** SIGTERM, then SIGKILL after a grace period; returns once the process is gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
