package toystore.supervisor;

/** A service name the supervisor does not run. */
public final class UnknownServiceException extends RuntimeException {
  public UnknownServiceException(String name) {
    super("no service named '" + name + "'");
  }
}
