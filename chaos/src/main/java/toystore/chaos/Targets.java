package toystore.chaos;

import java.util.Locale;

/** What the chaos monkey may kill or pause: the order replicas only, or every service. */
public enum Targets {
  ORDER,
  ALL;

  /** {@code order} or {@code all}, any case. */
  public static Targets parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("targets must be order or all, not '" + text + "'");
    }
  }
}
