package toystore.client;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import toystore.json.Json;

/**
 * The one HTTP client of the system: JSON envelopes over OkHttp, an optional bearer token, and
 * errors turned into {@link ApiException}. Typed facades ({@link StoreClient}, {@link AgentClient},
 * the services' internal clients) sit on top of it. Thread-safe; share one per peer.
 */
public final class JsonHttpClient {
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient http;
  /** For GETs, which are safe to resend: OkHttp may retry one on a pooled connection the peer closed. */
  private final OkHttpClient retryingHttp;
  private final HttpUrl base;
  private final String bearerToken;

  /**
   * @param http the OkHttp client (share one per process: it owns the connection pool)
   * @param baseUrl e.g. {@code http://127.0.0.1:1234}
   * @param bearerToken sent as {@code Authorization: Bearer ...}, or null for none
   */
  public JsonHttpClient(OkHttpClient http, String baseUrl, String bearerToken) {
    this.http = http;
    this.retryingHttp = http.newBuilder().retryOnConnectionFailure(true).build();
    this.base = HttpUrl.get(baseUrl);
    this.bearerToken = bearerToken;
  }

  /**
   * An OkHttp client with the given timeouts and no retries of its own (callers decide: a blind
   * resend of a leader change or an order is not ours to make). Idle connections are dropped after
   * 20 s, before the services' 30 s idle timeout, so a pooled connection is never one the server
   * has just closed.
   */
  public static OkHttpClient newHttp(Duration connectTimeout, Duration callTimeout) {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(16, 20, TimeUnit.SECONDS))
        .connectTimeout(connectTimeout)
        .readTimeout(callTimeout)
        .writeTimeout(callTimeout)
        .callTimeout(callTimeout)
        .retryOnConnectionFailure(false)
        .build();
  }

  public String baseUrl() {
    return base.toString().replaceAll("/$", "");
  }

  public <T> T get(List<String> path, Type type) throws IOException {
    return call("GET", path, Map.of(), null, Map.of(), type);
  }

  public <T> T post(List<String> path, Object body, Type type) throws IOException {
    return call("POST", path, Map.of(), body, Map.of(), type);
  }

  /**
   * Sends one request and returns the reply's {@code data} as {@code type}.
   *
   * @param body serialized as JSON, or null for an empty body
   * @throws ApiException when the service answers with a status other than 2xx
   * @throws IOException when the service cannot be reached or answers with something not JSON or
   *     not of {@code type}
   */
  public <T> T call(
      String method, List<String> path, Map<String, String> query, Object body, Map<String, String> headers, Type type)
      throws IOException {
    HttpUrl.Builder url = base.newBuilder();
    for (String segment : path) {
      // OkHttp resolves "." and ".." (also escaped) as directions: a name taken from a request must
      // never walk a call to another route of the service.
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("a path segment may not be '" + segment + "'");
      }
      url.addPathSegment(segment);
    }
    query.forEach(url::addQueryParameter);
    Request.Builder request = new Request.Builder().url(url.build());
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    headers.forEach(request::header);
    RequestBody requestBody = null;
    if (body != null) {
      requestBody = RequestBody.create(body instanceof String s ? s : Json.write(body), JSON);
    } else if (!method.equals("GET")) {
      requestBody = RequestBody.create(new byte[0], JSON);
    }
    request.method(method, requestBody);
    OkHttpClient client = method.equals("GET") ? retryingHttp : http;
    String text;
    int status;
    try (Response response = client.newCall(request.build()).execute()) {
      text = response.body().string();
      status = response.code();
    } catch (IOException e) {
      // Peers here restart often (that is the point of the project): a failure usually means the
      // pooled connections to that peer are dead, so drop the idle ones rather than fail on each.
      http.connectionPool().evictAll();
      throw e;
    }
    if (status < 200 || status >= 300) {
      throw new ApiException(status, errorMessage(status, text));
    }
    try {
      return Json.readData(text, type);
    } catch (JsonDataException e) {
      // A reply of the wrong shape (an unknown role from a newer peer, say) is that peer failing.
      throw new IOException("unexpected reply from " + url.build() + ": " + e.getMessage(), e);
    }
  }

  private static String errorMessage(int status, String text) {
    try {
      Json.readData(text, Object.class);
    } catch (Json.EnvelopeError e) {
      return e.error().message();
    } catch (IOException | RuntimeException notAnEnvelope) {
      return "HTTP " + status;
    }
    return "HTTP " + status;
  }
}
