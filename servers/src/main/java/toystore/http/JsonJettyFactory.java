package toystore.http;

import java.time.Duration;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
    return server;
  }

  /**
   * Spark builds its connector with a one-hour idle timeout and Jetty's banner headers; this server
   * bounds how long an idle or slow client may hold a connection, and names no software version.
   */
  private static final class LimitedServer extends Server {
    LimitedServer() {
      super();
    }

    LimitedServer(ThreadPool pool) {
      super(pool);
    }

    @Override
    public void setConnectors(Connector[] connectors) {
      for (Connector connector : connectors) {
        if (connector instanceof ServerConnector server) {
          server.setIdleTimeout(IDLE_TIMEOUT.toMillis());
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
