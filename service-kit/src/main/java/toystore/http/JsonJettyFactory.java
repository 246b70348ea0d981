package toystore.http;

import java.io.IOException;
import java.time.Duration;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/** Jetty servers with {@link JsonErrorHandler} installed, registered once with Spark's factory registry. */
final class JsonJettyFactory implements JettyServerFactory {
  static final String IDENTIFIER = "toystore-json-jetty";
  /** How long a connection may sit idle or stall mid-request; clients' pools keep idle ones for less. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Open connections per service. Past it the server stops accepting (new clients wait in the
   * kernel's backlog) and idle connections are closed after {@link #IDLE_AT_LIMIT}; each connection
   * has at most one request queued for a thread, so this also bounds the thread pool's queue.
   */
  static final int MAX_CONNECTIONS = 512;
  static final Duration IDLE_AT_LIMIT = Duration.ofSeconds(2);
  /**
   * On stop, how long requests in flight may take to finish after the connector stops accepting;
   * below the supervisor's 5 s between SIGTERM and SIGKILL, so the database still closes cleanly.
   */
  static final Duration DRAIN = Duration.ofSeconds(3);

  static {
    EmbeddedServers.add(IDENTIFIER, new EmbeddedJettyFactory(new JsonJettyFactory()));
  }

  /** Makes sure the factory is registered before a service asks for it. */
  static String identifier() {
    return IDENTIFIER;
  }

  @Override
  public Server create(int maxThreads, int minThreads, int threadTimeoutMillis) {
    QueuedThreadPool pool = maxThreads > 0
        ? new QueuedThreadPool(maxThreads, Math.max(minThreads, 2), threadTimeoutMillis > 0 ? threadTimeoutMillis : 60_000)
        : new QueuedThreadPool();
    return create(pool);
  }

  @Override
  public Server create(ThreadPool threadPool) {
    Server server = threadPool == null ? new LimitedServer() : new LimitedServer(threadPool);
    server.addBean(new JsonErrorHandler());
    ConnectionLimit connections = new ConnectionLimit(MAX_CONNECTIONS, server);
    connections.setIdleTimeout(IDLE_AT_LIMIT.toMillis());
    server.addBean(connections);
    return server;
  }

  /**
   * Hands Spark every request as a {@link RouteRequest}, under its request id ({@link RequestIds}):
   * set on the reply before any route, filter or error page runs, and in the thread's log context
   * until the request is done.
   */
  private static final class RouteRequests extends HandlerWrapper {
    RouteRequests(Handler spark) {
      setHandler(spark);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      response.setHeader(RequestIds.HEADER, RequestIds.begin(request.getHeader(RequestIds.HEADER)));
      try {
        super.handle(target, baseRequest, new RouteRequest(request), response);
      } finally {
        RequestIds.end();
      }
    }
  }

  /**
   * Spark builds its connector with a one-hour idle timeout and Jetty's banner headers; this server
   * bounds how long an idle or slow client may hold a connection or a request thread, and names no
   * software version.
   */
  private static final class LimitedServer extends Server {
    LimitedServer() {
      super();
      setStopTimeout(DRAIN.toMillis());
    }

    LimitedServer(ThreadPool pool) {
      super(pool);
      setStopTimeout(DRAIN.toMillis());
    }

    /** Counts requests in flight, which is what lets a stop wait for them (Jetty's graceful shutdown). */
    @Override
    public void setHandler(Handler handler) {
      if (handler == null) {
        super.setHandler(null);
        return;
      }
      StatisticsHandler inFlight = new StatisticsHandler();
      inFlight.setHandler(new RouteRequests(handler));
      super.setHandler(inFlight);
    }

    /** A request without a path (CONNECT host:port) reaches no route; Jetty's session handler would fail on it with a 500. */
    @Override
    public void handle(HttpChannel channel) throws IOException, ServletException {
      if (channel.getRequest().getRequestURI() == null) {
        channel.getRequest().setHandled(true);
        channel.getResponse().sendError(400);
        return;
      }
      super.handle(channel);
    }

    @Override
    public void setConnectors(Connector[] connectors) {
      for (Connector connector : connectors) {
        if (connector instanceof ServerConnector server) {
          server.setIdleTimeout(IDLE_TIMEOUT.toMillis());
          // Jetty's default backlog of 50 drops the SYNs of a burst of new clients (80 orders at
          // once met connect timeouts); as many as may be open at once can wait to be accepted.
          server.setAcceptQueueSize(MAX_CONNECTIONS);
          HttpConnectionFactory http = server.getConnectionFactory(HttpConnectionFactory.class);
          if (http != null) {
            http.getHttpConfiguration().setSendServerVersion(false);
            http.getHttpConfiguration().setSendXPoweredBy(false);
          }
        }
      }
      super.setConnectors(connectors);
    }
  }
}
