package toystore.http;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.MDC;

/**
 * The id that ties together the log lines of one request across services. Every service takes a
 * caller's {@code X-Request-Id} if it is sane (1–64 printable ASCII characters; it ends up in log
 * lines, so nothing that could break one), else makes one; it answers with it on every reply, keeps
 * it in the MDC (key {@value #LOG_KEY}, shown by logback.xml) while the request's thread works on it,
 * and sends it on with the calls that thread makes to the other services ({@link #propagate}). So the
 * frontend's id is the leader's and the catalog's for the same order.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  static final String LOG_KEY = "requestId";
  private static final int MAX_LENGTH = 64;

  private RequestIds() {}

  /** This thread now works on the request that {@code offered} (its header, or null) names; returns its id. */
  static String begin(String offered) {
    String id = isSane(offered) ? offered : fresh();
    MDC.put(LOG_KEY, id);
    return id;
  }

  /** This thread is done with its request. */
  static void end() {
    MDC.remove(LOG_KEY);
  }

  static boolean isSane(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_LENGTH && id.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  /** 16 hex digits: enough to tell requests apart in logs; not a secret, so no secure random needed. */
  static String fresh() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }

  /**
   * Runs {@code work} as part of the request {@code id} names (a sane one; else as part of whatever
   * this thread works on): for work done for several requests at once, such as a batch of purchases.
   */
  public static void during(String id, Runnable work) {
    String previous = current();
    if (isSane(id)) {
      MDC.put(LOG_KEY, id);
    }
    try {
      work.run();
    } finally {
      if (previous == null) {
        MDC.remove(LOG_KEY);
      } else {
        MDC.put(LOG_KEY, previous);
      }
    }
  }

  /** The id of the request this thread is working on, or null (background work). */
  public static String current() {
    return MDC.get(LOG_KEY);
  }

  /** An OkHttp interceptor: calls made while working on a request carry its id. */
  public static Response propagate(Interceptor.Chain chain) throws IOException {
    String id = current();
    return chain.proceed(id == null ? chain.request() : chain.request().newBuilder().header(HEADER, id).build());
  }
}
