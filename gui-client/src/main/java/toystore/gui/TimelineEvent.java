package toystore.gui;

import java.time.Instant;

/** One line of the event timeline. */
record TimelineEvent(Instant at, Kind kind, String text) {
  enum Kind {
    /** Something broke or was broken on purpose. */
    FAULT,
    /** Something came back. */
    RECOVERY,
    /** The order leader changed. */
    LEADER,
    /** Anything else worth a line. */
    INFO
  }
}
