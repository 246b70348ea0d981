package toystore.supervisor;

/** An action that needs a running process (pause, resume) was asked of a service that is not running. */
public final class ServiceNotRunningException extends RuntimeException {
  public ServiceNotRunningException(String name) {
    super(name + " is not running");
  }
}
