package toystore.gui;

import java.time.Instant;

/**
 * One fault as the dashboard saw it: {@code service} had fault {@code kind} from {@code start} until
 * {@code end} (null while it lasts). Both times are the polls that first showed the fault and first
 * showed it gone.
 */
record FaultBand(String service, Kind kind, Instant start, Instant end) {
  enum Kind {
    /** The process is not running (killed or crashed). */
    KILL("killed"),
    /** Frozen by the agent (SIGSTOP). */
    PAUSE("paused"),
    /** A partition cuts it off from a majority of the replicas. */
    PARTITION("cut off"),
    /**
     * Its disk writes fail (disk full, I/O error) as the replica says in {@code /health}, or the
     * agent's ballast fills its disk ({@code disk} FULL in {@code /cluster}), whichever shows first.
     */
    DISK("disk fault");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  /** The band's text on the charts, e.g. "order-2 killed". */
  String label() {
    return service + " " + kind.label();
  }
}
