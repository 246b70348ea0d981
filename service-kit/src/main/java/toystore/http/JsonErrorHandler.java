package toystore.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import toystore.json.Json;

/**
 * Jetty answers malformed requests (bad percent-escapes, oversized headers, bad request lines)
 * before any Spark route runs; this handler makes those answers the JSON error shape too.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final HttpField JSON_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");

  /** A request Jetty refuses before it is a request has no id yet: its reply gets a fresh one, as every reply has one. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
    fields.put(JSON_TYPE);
    fields.put(RequestIds.HEADER, RequestIds.fresh());
    return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Jetty renders error pages only for GET, POST and HEAD and answers other methods (e.g. a
   * {@code TRACE *}) with an empty body; every method gets the JSON shape here.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    if (!response.containsHeader(RequestIds.HEADER)) {
      response.setHeader(RequestIds.HEADER, RequestIds.fresh());
    }
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    response.setStatus(status);
    response.setContentType("application/json; charset=utf-8");
    response.getOutputStream().write(body(status).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(int status) {
    String reason = HttpStatus.getMessage(status);
    return Json.error(status, reason == null ? "error" : reason.toLowerCase());
  }
}
