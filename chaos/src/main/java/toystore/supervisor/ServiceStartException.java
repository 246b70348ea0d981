package toystore.supervisor;

/** A service could not be started or did not become healthy in time; the message names its log. */
public final class ServiceStartException extends RuntimeException {
  public ServiceStartException(String message) {
    super(message);
  }
}
