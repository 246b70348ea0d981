package toystore.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/** Jetty servers with {@link JsonErrorHandler} installed, registered once with Spark's factory registry. */
final class JsonJettyFactory implements JettyServerFactory {
  static final String IDENTIFIER = "toystore-json-jetty";

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
    Server server = threadPool == null ? new Server() : new Server(threadPool);
    server.addBean(new JsonErrorHandler());
    return server;
  }
}
