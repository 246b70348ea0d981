package toystore.chaos;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of fault the chaos tools inject, each undone by its own heal. */
public enum FaultKind {
  /** SIGKILL, healed by a restart. */
  KILL,
  /** SIGSTOP, healed by SIGCONT. */
  PAUSE,
  /** Packets dropped between groups of services, healed by removing the rules. */
  PARTITION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A comma-separated list such as {@code kill,pause,partition}, any case. */
  public static Set<FaultKind> parseList(String text) {
    Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
    for (String part : text.split(",", -1)) {
      String name = part.strip().toUpperCase(Locale.ROOT);
      try {
        kinds.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "faults must be a list of " + Arrays.stream(values()).map(FaultKind::label).collect(Collectors.joining(", "))
                + ", not '" + text + "'");
      }
    }
    return kinds;
  }
}
