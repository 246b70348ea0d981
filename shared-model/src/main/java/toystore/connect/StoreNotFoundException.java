package toystore.connect;

/** The sources a tool was given lead to no store; the message is one line fit for the user (exit 2). */
public final class StoreNotFoundException extends Exception {
  public StoreNotFoundException(String message) {
    super(message);
  }

  StoreNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
