package toystore.gui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import toystore.config.Replication;
import toystore.wire.order.ViewChangeReport;
import toystore.wire.order.ViewChangeReport.Kind;
import toystore.wire.order.ViewChangeReport.Step;

/** A view change a replica reported, in words: one timeline line, and one line per step for the Protocol panel. */
final class ViewChangeText {
  private ViewChangeText() {}

  /**
   * "epoch 5: order-2 leads after 430 ms — new epoch 10 ms, joins 50 ms, adopted log 100 ms, first
   * commit 270 ms"; in raft mode "term 7: order-2 leads after 620 ms — elected 540 ms, first commit
   * 30 ms, took over 50 ms" (the epoch is the term; docs/DESIGN.md "Raft engine").
   */
  static String summary(String replica, ViewChangeReport vc, Replication engine) {
    List<Step> steps = vc.steps();
    // A failed view change records no end to the step it stopped in: no total for it.
    String head = (engine == Replication.RAFT ? "term " : "epoch ") + vc.epoch() + ": " + replica
        + (vc.failure() == null ? " leads after " + seconds(total(steps)) : " did not lead (" + vc.failure() + ")");
    StringBuilder parts = new StringBuilder();
    took(steps, Kind.ELECTED).ifPresent(ms -> append(parts, "elected " + seconds(ms)));
    took(steps, Kind.NEW_EPOCH).ifPresent(ms -> append(parts, "new epoch " + seconds(ms)));
    took(steps, Kind.JOINED).ifPresent(ms -> append(parts, "joins " + seconds(ms)));
    boolean adopted = steps.stream().anyMatch(s -> (s.kind() == Kind.FETCHED || s.kind() == Kind.ADOPTED) && !s.skipped());
    boolean marked = steps.stream().anyMatch(s -> s.kind() == Kind.MARKED);
    if (marked) {
      // Fetching, writing and marking the log: the whole of taking over the most complete log.
      double ms = steps.stream().filter(s -> s.kind() == Kind.FETCHED || s.kind() == Kind.ADOPTED
          || s.kind() == Kind.MARKED).mapToDouble(Step::tookMillis).sum();
      append(parts, (adopted ? "adopted log " : "kept its own log ") + seconds(ms));
    }
    took(steps, Kind.COMMITTED).ifPresent(ms -> append(parts, "first commit " + seconds(ms)));
    took(steps, Kind.TAKEN_OVER).ifPresent(ms -> append(parts, "took over " + seconds(ms)));
    return parts.length() == 0 ? head : head + " — " + parts;
  }

  /**
   * "new epoch 3 ms · joined 4 ms · fetched skipped · adopted skipped · marked 2 ms · committed 31 ms";
   * raft: "elected 540 ms · committed 30 ms · taken over 50 ms".
   */
  static String steps(ViewChangeReport vc) {
    return vc.steps().stream()
        .map(s -> s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
            + (s.skipped() ? "skipped" : String.format(Locale.ROOT, "%.0f ms", s.tookMillis())))
        .collect(Collectors.joining(" · "));
  }

  private static Optional<Double> took(List<Step> steps, Kind kind) {
    return steps.stream().filter(s -> s.kind() == kind).map(Step::tookMillis).findFirst();
  }

  private static double total(List<Step> steps) {
    return steps.stream().mapToDouble(Step::tookMillis).sum();
  }

  private static void append(StringBuilder parts, String part) {
    if (parts.length() > 0) {
      parts.append(", ");
    }
    parts.append(part);
  }

  /** Milliseconds under a second (most steps take a few), seconds above. */
  private static String seconds(double millis) {
    return millis < 1000 ? String.format(Locale.ROOT, "%.0f ms", millis)
        : String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }
}
