package toystore.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import toystore.json.Json;

/**
 * HTTP/1.1 written as bytes on a plain socket, for requests no well-behaved client would send (bad
 * Content-Length, invalid UTF-8, duplicated headers, broken request lines). One request per
 * connection: the request is written, the sending side is shut down (so an incomplete request
 * ends at EOF instead of waiting for bytes that never come), and the first reply is read.
 */
final class RawHttp {
  private RawHttp() {}

  /** A reply; {@code status} is 0 when the server closed the connection without answering. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase());
    }

    boolean isJson() {
      String type = header("content-type");
      return type != null && type.toLowerCase().startsWith("application/json");
    }

    /** The body as JSON (maps, lists, strings, doubles, booleans), or null when it is not JSON. */
    Object json() {
      try {
        return Json.moshi().adapter(Object.class).fromJson(text());
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /** Whether the body is {@code {"error": {"code": status, "message": "..."}}} and nothing else. */
    boolean isErrorShape() {
      return json() instanceof Map<?, ?> root && root.size() == 1
          && root.get("error") instanceof Map<?, ?> error && error.size() == 2
          && error.get("code") instanceof Number code && code.intValue() == status
          && error.get("message") instanceof String;
    }

    /** The error message, or null. */
    String errorMessage() {
      return json() instanceof Map<?, ?> root && root.get("error") instanceof Map<?, ?> error
          && error.get("message") instanceof String message ? message : null;
    }

    /** {@code data} of a success reply, or null. */
    Object data() {
      return json() instanceof Map<?, ?> root && root.size() == 1 ? root.get("data") : null;
    }
  }

  /** Thrown when no complete reply arrived within the timeout: the server hangs. */
  static final class Hang extends IOException {
    Hang(String message) {
      super(message);
    }
  }

  /** A request with {@code Host} and, when there is a body, a matching {@code Content-Length}. */
  static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.UTF_8));
    headers.forEach((name, value) -> out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  static Reply send(int port, byte[] request, Duration timeout) throws IOException {
    return send(port, request, timeout, false);
  }

  /** @param head whether the request is a HEAD, whose reply has headers only */
  static Reply send(int port, byte[] request, Duration timeout, boolean head) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // The server may answer (431, 413) and close before it has read everything: read that answer.
      }
      return read(socket, deadline, head);
    }
  }

  /** Reads one reply: to the end of its declared length or chunks, or to EOF. */
  static Reply read(Socket socket, long deadlineNanos, boolean head) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (true) {
      Reply reply = parse(received.toByteArray(), head);
      if (reply != null) {
        return reply;
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        throw new Hang("no complete reply; received " + received.size() + " bytes: " + preview(received.toByteArray()));
      }
      socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        n = -1; // reset by the server: whatever arrived is the answer
      }
      if (n < 0) {
        return parseAtEof(received.toByteArray());
      }
      received.write(buffer, 0, n);
    }
  }

  private static String preview(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  /** A complete reply, or null while more bytes are needed. */
  private static Reply parse(byte[] bytes, boolean headOnly) {
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      return null;
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status = statusLine.length >= 2 && statusLine[1].matches("\\d{3}") ? Integer.parseInt(statusLine[1]) : -1;
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.merge(lines[i].substring(0, colon).strip().toLowerCase(), lines[i].substring(colon + 1).strip(),
            (a, b) -> a + ", " + b);
      }
    }
    int bodyStart = end + 4;
    if (headOnly) {
      return new Reply(status, headers, new byte[0]);
    }
    String length = headers.get("content-length");
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      byte[] body = dechunk(bytes, bodyStart);
      return body == null ? null : new Reply(status, headers, body);
    }
    if (length != null) {
      int n = Integer.parseInt(length);
      if (bytes.length - bodyStart < n) {
        return null;
      }
      return new Reply(status, headers, java.util.Arrays.copyOfRange(bytes, bodyStart, bodyStart + n));
    }
    if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
      return new Reply(status, headers, new byte[0]);
    }
    return null; // delimited by EOF
  }

  private static Reply parseAtEof(byte[] bytes) {
    if (bytes.length == 0) {
      return new Reply(0, Map.of(), new byte[0]);
    }
    Reply complete = parse(bytes, false);
    if (complete != null) {
      return complete;
    }
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
    if (end < 0) {
      return new Reply(-1, Map.of(), bytes); // garbage or a truncated head
    }
    Reply head = parse(java.util.Arrays.copyOf(bytes, end + 4), true);
    Map<String, String> headers = head == null ? Map.of() : head.headers();
    int status = head == null ? -1 : head.status();
    if (headers.containsKey("content-length") || headers.containsKey("transfer-encoding")) {
      return new Reply(-1, headers, bytes); // truncated body
    }
    return new Reply(status, headers, java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length));
  }

  private static byte[] dechunk(byte[] bytes, int start) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = start;
    while (true) {
      int lineEnd = indexOf(bytes, new byte[] {'\r', '\n'}, at);
      if (lineEnd < 0) {
        return null;
      }
      String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip();
      int size = Integer.parseInt(sizeText, 16);
      at = lineEnd + 2;
      if (size == 0) {
        return body.toByteArray();
      }
      if (bytes.length < at + size + 2) {
        return null;
      }
      body.write(bytes, at, size);
      at += size + 2;
    }
  }

  private static int indexOf(byte[] bytes, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= bytes.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
