package toystore.client;

import java.io.IOException;

/** A service answered with an error status; {@link #status()} is the HTTP status. */
public final class ApiException extends IOException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
