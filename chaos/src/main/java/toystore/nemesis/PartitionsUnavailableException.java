package toystore.nemesis;

/** Partitions cannot be made on this machine (no iptables, or not root); the message says why. */
public final class PartitionsUnavailableException extends RuntimeException {
  PartitionsUnavailableException(String reason) {
    super("partitions are unavailable: " + reason);
  }
}
