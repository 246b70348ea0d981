package toystore.nemesis;

/** A partition request that names no valid split of the services. */
public final class InvalidPartitionException extends RuntimeException {
  InvalidPartitionException(String message) {
    super(message);
  }
}
