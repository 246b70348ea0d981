package toystore.nemesis;

/** A disk cannot be filled safely (it is no filesystem of its own); the message says why. */
public final class DiskFullUnavailableException extends RuntimeException {
  DiskFullUnavailableException(String reason) {
    super(reason);
  }
}
