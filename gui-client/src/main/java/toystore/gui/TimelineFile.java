package toystore.gui;

import java.util.List;
import toystore.load.RequestType;

/**
 * The timeline as the export writes it (JSON): the events (newest first, as the timeline shows them),
 * the fault bands (by start) and the current load run's per-interval figures. Times are ISO-8601 instants; a band's {@code startSecond} and {@code
 * endSecond} are on the charts' axis (seconds since the load run started), null when there was no
 * run, and {@code end}/{@code endSecond} null while the fault lasts. Public, as Moshi reads records
 * only through their public accessors.
 */
public record TimelineFile(
    String exportedAt, String runStartedAt, List<Event> events, List<Band> bands, List<Interval> intervals) {

  public record Event(String at, TimelineEvent.Kind kind, String text) {}

  public record Band(String service, FaultBand.Kind kind, String label, String start, String end, Double startSecond,
      Double endSecond) {}

  /** One request type over one interval, ending {@code second} seconds into the run. */
  public record Interval(double second, RequestType type, long count, long errors, double p50Ms, double p99Ms) {}
}
