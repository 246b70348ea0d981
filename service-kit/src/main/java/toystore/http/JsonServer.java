package toystore.http;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Utf8Appendable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;
import toystore.json.Json;

/**
 * One HTTP service on its own {@link Service} instance, speaking only the JSON envelopes (but for
 * {@code GET /metrics}, in the Prometheus text format): routes return their {@code data}, throw
 * {@link HttpError} for an error reply, and everything else (404, 405, 413, Jetty's own errors,
 * unexpected exceptions) becomes the JSON error shape as well.
 * Paths that {@link Guard} covers require its token as {@code Authorization: Bearer <token>};
 * paths that {@link Admission} limits get a fast 503 past the in-flight limit. Every route's requests
 * are counted and timed in the service's registry, which {@code GET /metrics} serves.
 */
public final class JsonServer {
  /** A route: returns the value to send as {@code data}. */
  @FunctionalInterface
  public interface Handler {
    Object handle(Request request, Response response) throws Exception;
  }

  public static final int MAX_BODY_BYTES = 16 * 1024;
  /** Catch-up batches between services are larger than any public request; they are authenticated. */
  public static final int MAX_GUARDED_BODY_BYTES = 8 * 1024 * 1024;
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  /** The one route that is not JSON: the service's metrics for Prometheus, on every service. */
  public static final String METRICS_PATH = "/metrics";
  private static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
  private static final Logger log = LoggerFactory.getLogger(JsonServer.class);
  /** How long a request body may take to arrive in full. */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

  /**
   * Which routes need which bearer token; a request without it gets 401 and runs nothing. The
   * predicate is applied to each route as registered, not to the request's spelling of the path,
   * so {@code //internal/x} (which the router matches to {@code /internal/x}) is guarded too.
   */
  public record Guard(String token, Predicate<String> guardedPath) {
    /** Whether the request's {@code Authorization} header carries this guard's token. */
    boolean admits(String authorizationHeader) {
      return Secrets.bearerMatches(authorizationHeader, token);
    }

    /** The cluster secret on every {@code /internal/} route: how the services guard each other. */
    public static Guard internalRoutes(String clusterSecret) {
      return new Guard(clusterSecret, path -> path.startsWith("/internal/"));
    }

    /**
     * The token on every route but those monitoring tools call, {@code GET /health} and
     * {@code GET /metrics}: how the agent guards its control plane.
     */
    public static Guard allButMonitoring(String adminToken) {
      return new Guard(adminToken, path -> !path.equals("/health") && !path.equals(METRICS_PATH));
    }
  }

  /**
   * Which routes the in-flight limit applies to, decided per route as it is registered. Client work
   * is limited, so overload meets a fast 503 instead of a queue. Health checks and the services'
   * own protocol are not: a leader with every slot taken by orders waiting on a slow catalog must
   * still answer its health check and its followers, or it is deposed for being busy.
   */
  public record Admission(Set<String> limitedPaths) {
    /** Only these routes (paths as registered) count towards the limit. */
    public static Admission limiting(String... paths) {
      return new Admission(Set.of(paths));
    }

    /** No route is limited: a control plane with a few trusted callers. */
    public static Admission unlimited() {
      return new Admission(Set.of());
    }
  }

  /**
   * A registered route: {@code path} as given to {@link #get}/{@link #post}/{@link #delete}, e.g.
   * {@code /internal/orders/:number}; whether it needs the token and whether the limit applies.
   */
  public record Route(String method, String path, boolean guarded, boolean limited) {}

  private record Matcher(Route route, Pattern path) {}

  private final Service service;
  private final String name;
  private final Guard guard;
  private final Admission admission;
  private final RequestMetrics requestMetrics;
  private final List<Matcher> routes = new ArrayList<>();
  /** Limited requests being handled; past the limit one gets a fast 503 instead of joining a queue. */
  private final Semaphore inFlight;
  private final AtomicReference<Exception> startFailure = new AtomicReference<>();
  /** Closes the connection of a request whose body has not arrived within {@link #BODY_DEADLINE}. */
  private final ScheduledExecutorService bodyDeadlines = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "body-deadlines");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param name used in log lines
   * @param host address to bind, e.g. 127.0.0.1
   * @param port 0 picks a free port
   * @param maxThreads the request thread pool's bound
   * @param guard which routes need which token
   * @param admission which routes the in-flight limit applies to
   * @param metrics this service's own registry: every route's requests are recorded in it, and
   *     {@code GET /metrics} (no token, never limited unless {@code admission} names it) serves it
   */
  public JsonServer(String name, String host, int port, int maxThreads, Guard guard, Admission admission,
                    PrometheusRegistry metrics) {
    this.name = name;
    // Half the pool: Jetty keeps some of its threads for accepting and selecting, and a limit near
    // the pool's size would let requests queue for a thread instead of meeting the limit.
    this.inFlight = new Semaphore(Math.max(1, maxThreads / 2));
    this.service = Service.ignite();
    service.embeddedServerIdentifier(JsonJettyFactory.identifier());
    service.ipAddress(host).port(port).threadPool(maxThreads, Math.min(8, maxThreads), 60_000);
    service.initExceptionHandler(startFailure::set);
    this.guard = guard;
    this.admission = admission;
    this.requestMetrics = new RequestMetrics(metrics);
    service.before(this::beforeEveryRoute);
    service.exception(HttpError.class, (e, req, res) -> {
      if (e.status() >= 500) {
        // The client sees only the message; the log says which request it was (by its id).
        log.warn("{} {} answered {}: {}", req.requestMethod(), req.pathInfo(), e.status(), e.getMessage());
      }
      res.status(e.status());
      res.type(JSON_TYPE);
      res.body(Json.error(e.status(), e.getMessage()));
    });
    // Spark decodes path parameters itself and throws on percent-escapes that are not UTF-8.
    service.exception(Utf8Appendable.NotUtf8Exception.class, (e, req, res) -> {
      res.status(400);
      res.type(JSON_TYPE);
      res.body(Json.error(400, "the path is not valid UTF-8"));
    });
    service.exception(Exception.class, (e, req, res) -> {
      log.error("{}: {} {} failed", name, req.requestMethod(), req.pathInfo(), e);
      res.status(500);
      res.type(JSON_TYPE);
      res.body(Json.error(500, "internal error"));
    });
    service.notFound((req, res) -> {
      res.type(JSON_TYPE);
      if (pathKnown(req.uri())) {
        res.status(405);
        return Json.error(405, "method not allowed");
      }
      return Json.error(404, "not found");
    });
    service.internalServerError((req, res) -> {
      res.type(JSON_TYPE);
      return Json.error(500, "internal error");
    });
    get(METRICS_PATH, (req, res) -> MetricsExposition.of(metrics));
  }

  /** Runs before any route (and before the 404/405 answer): refuses what no route should see. */
  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      String decoded = segment.replace("%2e", ".").replace("%2E", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private void beforeEveryRoute(Request req, Response res) {
    res.type(JSON_TYPE);
    if (req.headers(METHOD_OVERRIDE) != null) {
      // Spark would route the request by this header instead of its method; no client of ours needs that.
      throw service.halt(400, Json.error(400, METHOD_OVERRIDE + " is not supported"));
    }
    if (hasDotSegment(req.uri())) {
      // Jetty leaves "." and ".." in the raw path; a route must never pass one on into a path of its own.
      throw service.halt(400, Json.error(400, "a path may not contain . or .. segments"));
    }
    readBody(req, guard.admits(req.headers("Authorization")) ? MAX_GUARDED_BODY_BYTES : MAX_BODY_BYTES);
  }

  /**
   * Reads the whole body before any route runs, whether it comes with a {@code Content-Length} or
   * chunked, and keeps it for the route ({@link RouteRequest}). Refused: a declared length over
   * {@code limit} (before reading anything), a body that turns out longer than {@code limit} (once
   * {@code limit + 1} bytes have come, so no body is buffered beyond the limit), a body that ends
   * early or is malformed, and one still incomplete after {@link #BODY_DEADLINE}: its connection is
   * closed, so a client trickling bytes (or chunks) cannot hold a request thread. So a route never
   * meets an unreadable body.
   *
   * <p>Not Jetty's minimum data rate: it compares bytes received with the time since the first
   * byte at every read, so a 40-byte order read 50 ms late on a busy machine got a 408.
   */
  private void readBody(Request req, int limit) {
    long declared = req.raw().getContentLengthLong();
    if (declared > limit) {
      throw service.halt(413, Json.error(413, "request body too large"));
    }
    boolean chunked = req.headers("Transfer-Encoding") != null;
    if (declared <= 0 && !chunked) {
      return;
    }
    try {
      // JSON is UTF-8 (RFC 8259), whatever charset the Content-Type names: an unknown one
      // ("charset=ÿ") made decoding the body throw, a wrong one garbled it.
      req.raw().setCharacterEncoding("UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
    org.eclipse.jetty.server.Request jetty = org.eclipse.jetty.server.Request.getBaseRequest(req.raw());
    EndPoint connection = jetty.getHttpChannel().getEndPoint();
    ScheduledFuture<?> cutOff = bodyDeadlines.schedule(connection::close, BODY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    byte[] body;
    try (InputStream in = jetty.getInputStream()) {
      body = in.readNBytes(limit + 1);
    } catch (BadMessageException e) {
      throw service.halt(e.getCode(), Json.error(e.getCode(), "bad request body"));
    } catch (IOException e) {
      throw service.halt(400, Json.error(400, "incomplete request body"));
    } finally {
      cutOff.cancel(false);
    }
    if (body.length > limit) {
      throw service.halt(413, Json.error(413, "request body too large"));
    }
    req.raw().setAttribute(RouteRequest.BODY, body);
  }

  /**
   * Whether a route has this path (with another method), judged as the router judges it: on the path
   * as {@link RouteRequest} spells it (an escaped slash stays inside its segment), empty segments
   * not counting.
   */
  private boolean pathKnown(String uri) {
    String path = uri.replaceAll("/{2,}", "/");
    return routes.stream().anyMatch(r -> r.path().matcher(path).matches());
  }

  /** Every route registered so far, in registration order; each GET route answers HEAD as well. */
  public List<Route> routes() {
    return routes.stream().map(Matcher::route).toList();
  }

  public JsonServer get(String path, Handler handler) {
    return route("GET", path, handler);
  }

  public JsonServer post(String path, Handler handler) {
    return route("POST", path, handler);
  }

  public JsonServer delete(String path, Handler handler) {
    return route("DELETE", path, handler);
  }

  private JsonServer route(String method, String path, Handler handler) {
    boolean guarded = guard.guardedPath().test(path);
    boolean limited = admission.limitedPaths().contains(path);
    routes.add(new Matcher(new Route(method, path, guarded, limited), Pattern.compile(path.replaceAll(":[^/]+", "[^/]+"))));
    spark.Route route = timed(path, (req, res) -> {
      res.type(JSON_TYPE);
      if (guarded && !guard.admits(req.headers("Authorization"))) {
        throw new HttpError(401, "unauthorized");
      }
      if (limited && !inFlight.tryAcquire()) {
        throw new HttpError(503, "overloaded; retry shortly");
      }
      try {
        return reply(handler.handle(req, res), res);
      } finally {
        if (limited) {
          inFlight.release();
        }
      }
    });
    if (method.equals("GET")) {
      service.get(path, route);
      // Spark would answer HEAD itself, 200 without running the route; Jetty sends no body for a HEAD.
      service.head(path, route);
    } else if (method.equals("DELETE")) {
      service.delete(path, route);
    } else {
      service.post(path, route);
    }
    return this;
  }

  /**
   * {@code route} with its requests counted and timed under the route as registered (never the raw
   * path, whose spellings are unbounded), by the status the client gets.
   */
  private spark.Route timed(String path, spark.Route route) {
    return (req, res) -> {
      long started = System.nanoTime();
      // What the exception handlers above answer for what the route throws.
      int status = 500;
      try {
        Object reply = route.handle(req, res);
        status = res.status();
        return reply;
      } catch (HttpError e) {
        status = e.status();
        throw e;
      } catch (Utf8Appendable.NotUtf8Exception e) {
        status = 400;
        throw e;
      } finally {
        requestMetrics.observe(req.requestMethod(), path, status, System.nanoTime() - started);
      }
    };
  }

  /** A route's value as the reply's body: JSON's {@code data} envelope, or a {@link TextReply} as it is. */
  private static Object reply(Object value, Response res) {
    if (value instanceof TextReply text) {
      res.type(text.contentType());
      return text.body();
    }
    return Json.data(value);
  }

  /** The request body as {@code type}; a malformed or wrongly typed body is a 400. */
  public static <T> T body(Request request, Class<T> type) {
    try {
      return Json.read(request.body(), type);
    } catch (IOException | RuntimeException e) {
      throw new HttpError(400, "malformed request body");
    }
  }

  /** A whole number from a path or query parameter; anything else is a 400. */
  public static long longParameter(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new HttpError(400, "not a number: " + text);
    }
  }

  /** Starts listening; throws if the port cannot be bound or a limited path names no route. */
  public JsonServer start() {
    Set<String> unknown = new HashSet<>(admission.limitedPaths());
    routes.forEach(r -> unknown.remove(r.route().path()));
    if (!unknown.isEmpty()) {
      // A misspelt path would silently leave its route unlimited.
      throw new IllegalStateException(name + ": limited paths that are no route: " + unknown);
    }
    service.init();
    service.awaitInitialization();
    Exception failure = startFailure.get();
    if (failure != null) {
      throw new IllegalStateException(name + " could not start: " + failure.getMessage(), failure);
    }
    return this;
  }

  public int port() {
    return service.port();
  }

  public void stop() {
    service.stop();
    service.awaitStop();
    bodyDeadlines.shutdownNow();
  }
}
