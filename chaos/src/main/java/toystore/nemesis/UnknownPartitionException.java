package toystore.nemesis;

/** No active partition has this id. */
public final class UnknownPartitionException extends RuntimeException {
  UnknownPartitionException(String id) {
    super("no partition '" + id + "'");
  }
}
