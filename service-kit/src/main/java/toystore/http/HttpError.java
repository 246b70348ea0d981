package toystore.http;

/** Thrown by a route to answer with the JSON error shape; the message is shown to the client. */
public final class HttpError extends RuntimeException {
  private final int status;

  public HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
