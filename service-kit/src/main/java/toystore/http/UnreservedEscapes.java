package toystore.http;

/**
 * Percent-encoding normalization of a request path (RFC 3986 §6.2.2.2): an escape of an unreserved
 * character ({@code %6F} for {@code o}) spells the same path as the character itself, so
 * {@code /%6Frders} is {@code /orders}. Every other escape stays as it is: {@code %2F} is part of a
 * path segment, not a separator. The dot is left escaped too, so no dot segment appears after
 * Jetty has resolved them.
 */
final class UnreservedEscapes {
  private UnreservedEscapes() {}

  static String decode(String rawPath) {
    if (rawPath == null || rawPath.indexOf('%') < 0) {
      return rawPath;
    }
    StringBuilder path = new StringBuilder(rawPath.length());
    int i = 0;
    while (i < rawPath.length()) {
      char c = rawPath.charAt(i);
      if (c == '%' && i + 2 < rawPath.length()) {
        int value = hexValue(rawPath.charAt(i + 1), rawPath.charAt(i + 2));
        if (value >= 0 && isUnreservedButDot((char) value)) {
          path.append((char) value);
          i += 3;
          continue;
        }
      }
      path.append(c);
      i++;
    }
    return path.toString();
  }

  private static int hexValue(char high, char low) {
    int h = hexDigit(high);
    int l = hexDigit(low);
    return h < 0 || l < 0 ? -1 : h * 16 + l;
  }

  /** ASCII hex only: {@link Character#digit} would take other scripts' digits too. */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static boolean isUnreservedButDot(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '~';
  }
}
