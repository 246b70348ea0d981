package toystore.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile HTTP/1.1 requests from a seed: random methods, paths (percent-escapes good and bad,
 * unicode, dot segments, very long segments), headers (huge, duplicated, bad Content-Type, bad
 * Content-Length, chunked), request lines (odd versions, missing parts) and bodies (every JSON
 * type, deep nesting, huge numbers, invalid UTF-8, truncation). Some of them are valid orders.
 */
final class RequestFuzzer {
  /** Which service a request is for. */
  enum Target { FRONTEND, CATALOG, REPLICA, AGENT }

  /**
   * @param order the body of a request to the frontend that might place an order, else null
   * @param oddVersion the request line names an HTTP version other than 1.0 and 1.1
   */
  record Request(Target target, String method, String description, byte[] bytes, String order, boolean oddVersion) {
    boolean isHead() {
      return method.equals("HEAD");
    }
  }

  private static final List<String> TOYS = List.of(
      "Tux", "Whale", "Elephant", "Fox", "Python", "Dolphin", "Barbie", "Lego", "Frisbee", "Marbles", "Slinky", "Yo-Yo");
  private static final String[] METHODS = {
      "GET", "GET", "GET", "GET", "POST", "POST", "POST", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE",
      "get", "post", "CONNECT", "FUZZ", "G3T", "POST\tX", ""};
  private static final String[] NUMBERS = {
      "1", "0", "2", "-1", "18446744073709551616", "9223372036854775807", "9223372036854775808", "1e3", "0x10", "+5",
      "007", "%31", "1.0", "abc", "", " 1", "٣", "1%00"};
  private static final String[] PATH_JUNK = {
      "..", "%2e%2e", "%2E%2e/", "./", "//", "%2f", "%00", "%ff%fe", "%c3%28", "%ed%a0%80", "%zz", "%", "%4", ";a=b",
      "?x=%ff", "?from=-1", "?olderThanMs=abc", "#frag", "\u00fcber", "\u732b", "\ud83e\uddf8", "%F0%9F%A7%B8",
      "Wh%61le", "%20", "+", "\\", "|", "{}", "\"", "'", "<script>", "~", "*"};

  private final Random random;

  RequestFuzzer(Random random) {
    this.random = random;
  }

  Request next() {
    int roll = random.nextInt(100);
    Target target = roll < 82 ? Target.FRONTEND : roll < 88 ? Target.CATALOG : roll < 94 ? Target.REPLICA : Target.AGENT;
    if (target == Target.FRONTEND && random.nextInt(100) < 6) {
      return validOrder();
    }
    String method = pick(METHODS);
    String path = mutatePath(basePath(target));
    List<String> description = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean oddVersion = false;

    String version = "HTTP/1.1";
    if (chance(4)) {
      version = pick(new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTP/1.1x", "", "http/1.1", "HTTP/", "HTTP/9.9"});
      oddVersion = !version.equals("HTTP/1.0") && !version.equals("HTTP/1.1");
      description.add("version '" + version + "'");
    }
    String line = method + " " + path + (version.isEmpty() ? "" : " " + version);
    if (chance(2)) {
      line = pick(new String[] {method + "  " + path + " " + version, method + " " + version, path, method,
          method + " " + path + " " + version + " extra", "\u0000" + line});
      oddVersion = true; // whatever the parser makes of it, it is not a well-formed request line
      description.add("mangled request line");
    }
    write(out, line);
    String eol = chance(2) ? "\n" : "\r\n";
    if (eol.equals("\n")) {
      description.add("LF line ends");
    }
    out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));

    byte[] body = body(method);
    List<String> headers = new ArrayList<>();
    if (!chance(3)) {
      headers.add("Host: 127.0.0.1");
    } else {
      description.add("no Host");
    }
    if (chance(2)) {
      headers.add("Host: other");
      description.add("second Host");
    }
    if (body != null || chance(10)) {
      contentHeaders(headers, body, description);
    }
    extraHeaders(headers, description);
    for (String header : headers) {
      out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
    }
    if (chance(2)) {
      out.writeBytes(new byte[] {'X', '-', 'B', ':', ' ', (byte) 0xff, (byte) 0xfe, '\r', '\n'});
      description.add("header with invalid UTF-8");
    }
    out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.writeBytes(body);
    }
    String summary = method + " " + shorten(path) + " " + String.join(", ", description)
        + (body == null ? "" : " body " + body.length + " B: " + shorten(new String(body, StandardCharsets.UTF_8)));
    // Any POST body might be a valid order; the test checks that every order placed is what its body says.
    String order = target == Target.FRONTEND && body != null ? new String(body, StandardCharsets.UTF_8) : null;
    return new Request(target, method, target + " " + summary, out.toByteArray(), order, oddVersion);
  }

  /** A well-formed order, sometimes with an idempotency key from a small pool (so some repeat, some conflict). */
  private Request validOrder() {
    String name = caseMangle(pick(TOYS.toArray(String[]::new)));
    String body = "{\"name\":\"" + name + "\",\"quantity\":" + (1 + random.nextInt(3)) + "}";
    StringBuilder request = new StringBuilder("POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n");
    if (chance(50)) {
      request.append("Idempotency-Key: fuzz-").append(random.nextInt(20)).append("\r\n");
    }
    request.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    return new Request(Target.FRONTEND, "POST", "FRONTEND valid order " + body, request.toString().getBytes(StandardCharsets.UTF_8),
        body, false);
  }

  private String basePath(Target target) {
    return switch (target) {
      case FRONTEND -> pick(new String[] {
          "/products/" + caseMangle(pick(TOYS.toArray(String[]::new))), "/products/" + word(), "/products/", "/products",
          "/orders", "/orders", "/orders/" + pick(NUMBERS), "/orders/", "/status", "/health", "/internal/invalidate",
          "/", "*", "/" + word() + "/" + word(), "http://127.0.0.1/products/Whale", "/products/Whale/extra"});
      case CATALOG -> pick(new String[] {
          "/health", "/internal/products/Whale", "/internal/buy", "/internal/ledger", "/internal/purchases/unsettled",
          "/internal/purchases/settle", "/products/Whale", "/internal/" + word()});
      case REPLICA -> pick(new String[] {
          "/health", "/internal/lead", "/internal/join", "/internal/append", "/internal/orders",
          "/internal/log?from=" + pick(NUMBERS), "/internal/orders/" + pick(NUMBERS), "/orders"});
      case AGENT -> pick(new String[] {
          "/health", "/cluster", "/audit", "/services/order-1/kill", "/services/" + word() + "/restart",
          "/services/../frontend/kill", "/chaos/kill-leader", "/services/%2e%2e/kill"});
    };
  }

  private String mutatePath(String path) {
    String result = path;
    int mutations = random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      int at = random.nextInt(result.length() + 1);
      result = switch (random.nextInt(6)) {
        case 0 -> result.substring(0, at) + pick(PATH_JUNK) + result.substring(at);
        case 1 -> percentEncodeOne(result);
        case 2 -> result.substring(0, at) + "a".repeat(1 + random.nextInt(chance(20) ? 12_000 : 300)) + result.substring(at);
        case 3 -> result.replace("/", chance(50) ? "//" : "/./");
        case 4 -> caseMangle(result);
        default -> "/" + String.join("/", List.of("..", "..", "internal", "ledger"));
      };
    }
    return result.replace(" ", chance(50) ? "%20" : " ");
  }

  private String percentEncodeOne(String path) {
    if (path.isEmpty()) {
      return path;
    }
    int at = random.nextInt(path.length());
    char c = path.charAt(at);
    return c < 128 ? path.substring(0, at) + String.format("%%%02X", (int) c) + path.substring(at + 1) : path;
  }

  /** Content-Type and Content-Length (or chunked), right or wrong. */
  private void contentHeaders(List<String> headers, byte[] body, List<String> description) {
    if (!chance(10)) {
      String type = chance(80) ? "application/json" : pick(new String[] {
          "text/plain", "application/json; charset=latin-1", "application/json; charset=utf-16",
          "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=\u00ff",
          "*/*", "application/json, text/html"});
      headers.add("Content-Type: " + type);
      if (chance(5)) {
        headers.add("Content-Type: text/html");
        description.add("two Content-Types");
      }
    }
    int length = body == null ? 0 : body.length;
    int roll = random.nextInt(100);
    if (roll < 75) {
      headers.add("Content-Length: " + length);
    } else if (roll < 80) {
      headers.add("Transfer-Encoding: chunked");
      description.add("chunked header, plain body");
    } else {
      String bad = pick(new String[] {"abc", "-1", "99999999999999999999", Integer.toString(Math.max(0, length - 3)),
          Integer.toString(length + 10), length + ", " + length, " " + length, "0x10", "1e2", "",
          Integer.toString(length) + "\r\nContent-Length: " + (length + 1), "4294967296", "17000"});
      headers.add("Content-Length: " + bad);
      description.add("Content-Length '" + bad.replace("\r\n", "\\r\\n") + "'");
    }
  }

  private void extraHeaders(List<String> headers, List<String> description) {
    if (chance(15)) {
      String key = pick(new String[] {"fuzz-1", "fuzz-2", "x".repeat(129), "caf\u00e9", "a b", "", "\u0001", "k\tk",
          "fuzz-" + "y".repeat(120)});
      headers.add("Idempotency-Key: " + key);
      if (chance(20)) {
        headers.add("Idempotency-Key: other");
      }
      description.add("key '" + shorten(key) + "'");
    }
    if (chance(8)) {
      headers.add("Authorization: " + pick(new String[] {"Bearer junk", "Bearer ", "Basic YTpi", "Bearer " + "z".repeat(5000)}));
    }
    if (chance(5)) {
      int size = 1000 + random.nextInt(20_000);
      headers.add("X-Large: " + "h".repeat(size));
      description.add(size + " B header");
    }
    if (chance(3)) {
      int count = 50 + random.nextInt(600);
      for (int i = 0; i < count; i++) {
        headers.add("X-Many-" + (i % 7) + ": " + i);
      }
      description.add(count + " headers");
    }
    if (chance(5)) {
      String odd = pick(new String[] {"NoColonHere", "Bad Name: x", ": empty-name", "X-Fold: a\r\n folded",
          "Expect: 100-continue", "Expect: nonsense", "Connection: close", "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c",
          "X-Nul: a\u0000b", "Accept: */*", "Content-Encoding: gzip", "X-Unicode: \u732b\ud83e\uddf8"});
      headers.add(odd);
      description.add("header '" + odd.replace("\r\n", "\\r\\n") + "'");
    }
  }

  /** A body for most POSTs and a few other methods; null for none. */
  private byte[] body(String method) {
    boolean wantsBody = method.startsWith("POST") || method.equals("PUT") || method.equals("PATCH") || method.equals("post");
    if (!(wantsBody ? chance(92) : chance(8))) {
      return null;
    }
    int roll = random.nextInt(100);
    if (roll < 30) {
      return utf8(orderLike());
    }
    if (roll < 50) {
      return utf8(json(0));
    }
    if (roll < 58) {
      int depth = 1 + random.nextInt(chance(50) ? 100 : 8000);
      return utf8(chance(50) ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }
    if (roll < 68) {
      String whole = orderLike();
      return utf8(whole.substring(0, random.nextInt(whole.length() + 1)));
    }
    if (roll < 78) {
      return withInvalidUtf8(utf8(orderLike()));
    }
    if (roll < 84) {
      byte[] garbage = new byte[random.nextInt(2000)];
      random.nextBytes(garbage);
      return garbage;
    }
    if (roll < 90) {
      int size = pick(new Integer[] {16 * 1024, 16 * 1024 + 1, 20_000, 100_000});
      return utf8("{\"name\":\"Whale\",\"quantity\":1,\"pad\":\"" + "p".repeat(Math.max(0, size - 40)) + "\"}");
    }
    if (roll < 95) {
      byte[] json = utf8(orderLike());
      byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
      byte[] both = new byte[bom.length + json.length];
      System.arraycopy(bom, 0, both, 0, bom.length);
      System.arraycopy(json, 0, both, bom.length, json.length);
      return both;
    }
    return new byte[0];
  }

  /** An order body with each field right, wrong or missing. */
  private String orderLike() {
    List<String> fields = new ArrayList<>();
    if (!chance(10)) {
      fields.add("\"name\":" + pick(new String[] {
          "\"" + caseMangle(pick(TOYS.toArray(String[]::new))) + "\"", "\"Unicorn\"", "\"\"", "null", "123", "[]", "{}",
          "\"" + "n".repeat(5000) + "\"", "\"Wh\\u0061le\"", "\"\\ud800\"", "\"Whale\\u0000\"", "\"\u732b\"", "true",
          "\"Whale \"", "\" Whale\""}));
    }
    if (!chance(10)) {
      fields.add("\"quantity\":" + pick(new String[] {
          "1", "2", "0", "-1", "2.5", "2.0", "1e2", "\"2\"", "null", "1000000", "1000001", "1e400", "-0",
          "123456789012345678901234567890", "true", "[1]", "{}", "0x10", "NaN", "Infinity", "01", "1.", ".5", "99"}));
    }
    if (chance(15)) {
      fields.add("\"extra\":" + json(1));
    }
    if (chance(5)) {
      fields.add("\"name\":\"Tux\"");
    }
    java.util.Collections.shuffle(fields, random);
    return "{" + String.join(",", fields) + "}";
  }

  /** A random JSON value of any type. */
  private String json(int depth) {
    int roll = random.nextInt(depth > 3 ? 6 : 8);
    return switch (roll) {
      case 0 -> "null";
      case 1 -> random.nextBoolean() ? "true" : "false";
      case 2 -> pick(new String[] {"0", "-0", "1", "-1", "1e308", "1e400", "-1e400", "0.1", "3.141592653589793238462643",
          "18446744073709551616", "-9223372036854775809", "1E-400", "2"});
      case 3 -> "\"" + pick(new String[] {"", "text", "\\u0000", "\\ud800", "\\udc00\\ud800", "\\\"", "\\\\", "\u732b",
          "\ud83e\uddf8", "\\n\\t", "s".repeat(1000)}) + "\"";
      case 4, 5 -> "\"" + word() + "\"";
      case 6 -> {
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(json(depth + 1));
        }
        yield "[" + String.join(",", items) + "]";
      }
      default -> {
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add("\"" + word() + "\":" + json(depth + 1));
        }
        yield "{" + String.join(",", items) + "}";
      }
    };
  }

  private byte[] withInvalidUtf8(byte[] bytes) {
    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf},
        {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}};
    byte[] insert = bad[random.nextInt(bad.length)];
    int at = random.nextInt(bytes.length + 1);
    byte[] result = new byte[bytes.length + insert.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(insert, 0, result, at, insert.length);
    System.arraycopy(bytes, at, result, at + insert.length, bytes.length - at);
    return result;
  }

  private String word() {
    String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";
    StringBuilder word = new StringBuilder();
    for (int i = 1 + random.nextInt(10); i > 0; i--) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }

  private String caseMangle(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return out.toString();
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String shorten(String text) {
    String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…(" + oneLine.length() + ")" : oneLine;
  }
}
