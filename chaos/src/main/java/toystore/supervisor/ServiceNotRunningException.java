package toystore.supervisor;

/** An action that needs a running process (pause, resume) was asked of a service that is not running. */
public final class ServiceNotRunningException extends RuntimeException {
  public ServiceNotRunningException(String name) {
    super(name + " is not running");
  }

  private ServiceNotRunningException(String name, String state) {
    super(name + " is " + state);
  }

  /** A paused service runs but cannot answer what it was asked. */
  public static ServiceNotRunningException paused(String name) {
    return new ServiceNotRunningException(name, "paused");
  }
}
