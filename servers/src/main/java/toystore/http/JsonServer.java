package toystore.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Service;
import toystore.json.Json;

/**
 * One HTTP service on its own {@link Service} instance, speaking only the JSON envelopes: routes
 * return their {@code data}, throw {@link HttpError} for an error reply, and everything else (404,
 * 405, 413, Jetty's own errors, unexpected exceptions) becomes the JSON error shape as well.
 * Paths that {@link Guard} covers require its token as {@code Authorization: Bearer <token>}.
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
  private static final Logger log = LoggerFactory.getLogger(JsonServer.class);

  /** Which paths need which bearer token; a request without it gets 401 and runs nothing. */
  public record Guard(String token, Predicate<String> guardedPath) {
    /** The cluster secret on every {@code /internal/} route: how the services guard each other. */
    public static Guard internalRoutes(String clusterSecret) {
      return new Guard(clusterSecret, path -> path.startsWith("/internal/"));
    }

    /** The token on every route but {@code GET /health}: how the agent guards its control plane. */
    public static Guard allButHealth(String adminToken) {
      return new Guard(adminToken, path -> !path.equals("/health"));
    }
  }

  private record Route(String method, Pattern path) {}

  private final Service service;
  private final String name;
  private final List<Route> routes = new ArrayList<>();
  /** Requests being handled; past the limit a request gets a fast 503 instead of joining a queue. */
  private final Semaphore inFlight;
  private final AtomicReference<Exception> startFailure = new AtomicReference<>();

  /**
   * @param name used in log lines
   * @param host address to bind, e.g. 127.0.0.1
   * @param port 0 picks a free port
   * @param maxThreads the request thread pool's bound
   * @param guard which routes need which token
   */
  public JsonServer(String name, String host, int port, int maxThreads, Guard guard) {
    this.name = name;
    this.inFlight = new Semaphore(Math.max(1, maxThreads - 8));
    this.service = Service.ignite();
    service.embeddedServerIdentifier(JsonJettyFactory.identifier());
    service.ipAddress(host).port(port).threadPool(maxThreads, Math.min(8, maxThreads), 60_000);
    service.initExceptionHandler(startFailure::set);
    service.before((req, res) -> {
      res.type(JSON_TYPE);
      boolean guarded = guard.guardedPath().test(req.pathInfo());
      if (guarded && !Secrets.bearerMatches(req.headers("Authorization"), guard.token())) {
        service.halt(401, Json.error(401, "unauthorized"));
      }
      if (tooLarge(req, guarded && !req.pathInfo().equals("/health") ? MAX_GUARDED_BODY_BYTES : MAX_BODY_BYTES)) {
        service.halt(413, Json.error(413, "request body too large"));
      }
    });
    service.exception(HttpError.class, (e, req, res) -> {
      res.status(e.status());
      res.type(JSON_TYPE);
      res.body(Json.error(e.status(), e.getMessage()));
    });
    service.exception(Exception.class, (e, req, res) -> {
      log.error("{}: {} {} failed", name, req.requestMethod(), req.pathInfo(), e);
      res.status(500);
      res.type(JSON_TYPE);
      res.body(Json.error(500, "internal error"));
    });
    service.notFound((req, res) -> {
      res.type(JSON_TYPE);
      if (pathKnown(req.pathInfo())) {
        res.status(405);
        return Json.error(405, "method not allowed");
      }
      return Json.error(404, "not found");
    });
    service.internalServerError((req, res) -> {
      res.type(JSON_TYPE);
      return Json.error(500, "internal error");
    });
  }

  private static boolean tooLarge(Request req, int limit) {
    int declared = req.contentLength();
    if (declared > limit) {
      return true;
    }
    if (declared < 0 && ("POST".equals(req.requestMethod()) || "PUT".equals(req.requestMethod()))) {
      return req.bodyAsBytes() != null && req.bodyAsBytes().length > limit;
    }
    return false;
  }

  private boolean pathKnown(String path) {
    return routes.stream().anyMatch(r -> r.path().matcher(path).matches());
  }

  public JsonServer get(String path, Handler handler) {
    return route("GET", path, handler);
  }

  public JsonServer post(String path, Handler handler) {
    return route("POST", path, handler);
  }

  private JsonServer route(String method, String path, Handler handler) {
    routes.add(new Route(method, Pattern.compile(path.replaceAll(":[^/]+", "[^/]+"))));
    spark.Route route = (req, res) -> {
      res.type(JSON_TYPE);
      if (!inFlight.tryAcquire()) {
        throw new HttpError(503, "overloaded; retry shortly");
      }
      try {
        return Json.data(handler.handle(req, res));
      } finally {
        inFlight.release();
      }
    };
    if (method.equals("GET")) {
      service.get(path, route);
    } else {
      service.post(path, route);
    }
    return this;
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

  /** Starts listening; throws if the port cannot be bound. */
  public JsonServer start() {
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
  }
}
