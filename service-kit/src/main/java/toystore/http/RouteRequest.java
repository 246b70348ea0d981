package toystore.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * The request as Spark's router and our routes see it: the path with escaped unreserved characters
 * decoded ({@link UnreservedEscapes}; Spark matches routes against the raw path), and the body as
 * {@link JsonServer} read it once, bounded, whatever its framing (Spark keeps no copy of a chunked
 * body, so a second read of the stream would find it empty).
 */
final class RouteRequest extends HttpServletRequestWrapper {
  /** The request attribute holding the body's bytes once read. */
  static final String BODY = RouteRequest.class.getName() + ".body";

  private final String path;

  RouteRequest(HttpServletRequest request) {
    super(request);
    this.path = UnreservedEscapes.decode(request.getRequestURI());
  }

  @Override
  public String getRequestURI() {
    return path;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    return getAttribute(BODY) instanceof byte[] body ? new BodyStream(body) : super.getInputStream();
  }

  private static final class BodyStream extends ServletInputStream {
    private final ByteArrayInputStream bytes;

    BodyStream(byte[] body) {
      this.bytes = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return bytes.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new IllegalStateException("the body has been read already; there is nothing to wait for");
    }
  }
}
