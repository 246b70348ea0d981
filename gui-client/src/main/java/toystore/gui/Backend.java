package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import toystore.client.AgentClient;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.connect.StoreAddress;

/**
 * Everything the dashboard does over the network, kept off the FX thread: the typed clients (short
 * timeouts, so a dead service shows up as DOWN within seconds), a scheduler for polls and a small pool
 * for user actions. Results come back on the FX thread. {@link #close()} stops all of it.
 */
final class Backend implements AutoCloseable {
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  /** A restart replies once the service is healthy; a replica may first catch up. */
  static final Duration RESTART_TIMEOUT = Duration.ofSeconds(40);

  private final OkHttpClient http;
  private final StoreClient store;
  private final AgentClient agent;
  private final AgentClient slowAgent;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService actions;
  private volatile boolean closed;

  Backend(StoreAddress address) {
    this.http = JsonHttpClient.newHttp(CONNECT_TIMEOUT, CALL_TIMEOUT);
    // Shares the connection pool and dispatcher with the fast client; only the timeouts differ.
    OkHttpClient slowHttp = http.newBuilder()
        .readTimeout(RESTART_TIMEOUT)
        .callTimeout(RESTART_TIMEOUT)
        .build();
    this.store = new StoreClient(http, address.frontendUrl());
    this.agent = address.hasAgent() ? new AgentClient(http, address.agentUrl(), address.adminToken()) : null;
    this.slowAgent =
        address.hasAgent() ? new AgentClient(slowHttp, address.agentUrl(), address.adminToken()) : null;
    // A thread per periodic poll (status, products, logs, protocol, load sampling and one spare): a
    // slow read of a paused replica must not hold up the others.
    ScheduledThreadPoolExecutor pollPool = new ScheduledThreadPoolExecutor(6, daemonThreads("dashboard-poll"));
    pollPool.setRemoveOnCancelPolicy(true);
    this.scheduler = pollPool;
    this.actions = new ThreadPoolExecutor(
        4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("dashboard-action"));
  }

  StoreClient store() {
    return store;
  }

  boolean hasAgent() {
    return agent != null;
  }

  /** The agent with short timeouts; only call when {@link #hasAgent()}. */
  AgentClient agent() {
    return agent;
  }

  /** The agent with a timeout long enough for a restart. */
  AgentClient slowAgent() {
    return slowAgent;
  }

  /** A service's {@code GET /metrics} text (no token needed, docs/API.md "Everywhere"). */
  String metrics(String serviceUrl) throws IOException {
    Request request = new Request.Builder().url(serviceUrl + "/metrics").build();
    try (Response response = http.newCall(request).execute(); ResponseBody body = response.body()) {
      if (!response.isSuccessful()) {
        throw new ApiException(response.code(), "metrics unavailable");
      }
      return body.string();
    }
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Runs {@code task} every {@code period} (after the previous run ends) until closed. */
  void every(Duration period, Runnable task) {
    scheduler.scheduleWithFixedDelay(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code work} off the FX thread and hands its result or failure to the FX thread. */
  <T> void run(Callable<T> work, Consumer<T> onResult, Consumer<Exception> onFailure) {
    actions.execute(() -> {
      try {
        T result = work.call();
        onFx(() -> onResult.accept(result));
      } catch (Exception e) {
        onFx(() -> onFailure.accept(e));
      }
    });
  }

  /** Runs {@code update} on the FX thread unless the dashboard has closed meanwhile. */
  void onFx(Runnable update) {
    if (!closed) {
      Platform.runLater(() -> {
        if (!closed) {
          update.run();
        }
      });
    }
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    actions.shutdownNow();
    http.dispatcher().cancelAll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
