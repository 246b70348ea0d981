package toystore.gui;

import java.time.Clock;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The event timeline, newest first, capped so a long chaos run cannot grow it without bound. FX thread only. */
final class EventTimeline {
  static final int CAPACITY = 500;

  private final Clock clock;
  private final ObservableList<TimelineEvent> events = FXCollections.observableArrayList();

  EventTimeline(Clock clock) {
    this.clock = clock;
  }

  ObservableList<TimelineEvent> events() {
    return events;
  }

  void add(TimelineEvent.Kind kind, String text) {
    events.add(0, new TimelineEvent(clock.instant(), kind, text));
    if (events.size() > CAPACITY) {
      events.remove(CAPACITY, events.size());
    }
  }
}
