package toystore.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Bearer-token checks in constant time, and fresh random tokens. */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** Whether {@code authorizationHeader} is exactly {@code Bearer <expected>}, compared in constant time. */
  public static boolean bearerMatches(String authorizationHeader, String expected) {
    String presented = authorizationHeader == null ? "" : authorizationHeader;
    byte[] want = ("Bearer " + expected).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(want, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** 32 random bytes as hex. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
