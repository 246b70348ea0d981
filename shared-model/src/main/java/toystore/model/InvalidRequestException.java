package toystore.model;

/** A request the API rejects as malformed; the message is safe to show to the client. */
public final class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
