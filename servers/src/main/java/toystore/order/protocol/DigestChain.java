package toystore.order.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import toystore.wire.order.Entry;

/**
 * The order log's chained digest (SHA-256 of the previous digest and the entry), the one copy every
 * engine uses, so that two replicas' digests are equal exactly when their logs are, whichever
 * engine wrote them (docs/API.md, the order replica's {@code /health}). Pinned by LogDigestTest.
 */
public final class DigestChain {
  /** The digest of the empty log. */
  public static final String GENESIS = sha256("toystore-order-log");

  private DigestChain() {}

  /** The digest of a log whose digest was {@code previous}, with {@code e} appended. */
  public static String next(String previous, Entry e) {
    // The key's wire string, as before it was a type: the chain must not change between versions.
    return sha256(previous + '|' + e.number() + '|' + e.name() + '|' + e.quantity() + '|' + e.key().wire());
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
