package toystore.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import toystore.load.Standstill;

/**
 * Per kind of fault, the longest stall (no client finished an iteration, so no order was answered
 * while one was wanted) that overlapped a time when a fault of that kind was in force: from the fault until its heal had finished (a restart returns once the
 * replica is healthy, so its catch-up counts too).
 */
public final class StallSummary {
  /** docs/API.md §3.9: a frozen process or a partition stalls orders for under 1 s. */
  private static final long PROMISED_MS = 1000;

  /** @param faults how many faults of the kind were carried out */
  record Line(FaultKind kind, int faults, Optional<Standstill.Stall> longest) {}

  private StallSummary() {}

  static List<Line> of(Set<FaultKind> kinds, List<FaultEvent> events, List<Standstill.Stall> stalls) {
    List<Line> lines = new ArrayList<>();
    for (FaultKind kind : new TreeSet<>(kinds)) {
      int faults = 0;
      Optional<Standstill.Stall> longest = Optional.empty();
      for (int i = 0; i < events.size(); i++) {
        FaultEvent fault = events.get(i);
        if (fault.action().kind() != kind || fault.action().heals() || !fault.ok()) {
          continue;
        }
        faults++;
        Optional<Standstill.Stall> stall = during(events, i, stalls);
        if (stall.isPresent() && (longest.isEmpty() || stall.get().ms() > longest.get().ms())) {
          longest = stall;
        }
      }
      lines.add(new Line(kind, faults, longest));
    }
    return lines;
  }

  /**
   * The longest stall that overlapped the time fault {@code events.get(i)} was in force: from the
   * fault until the first heal of its kind after it had finished (never healed: until the end).
   */
  public static Optional<Standstill.Stall> during(List<FaultEvent> events, int i, List<Standstill.Stall> stalls) {
    long from = events.get(i).atMs();
    long until = healedAt(events, i);
    return stalls.stream().filter(s -> s.overlaps(from, until)).max(Comparator.comparingLong(Standstill.Stall::ms));
  }

  /** When the first heal of the same kind after event {@code i} had finished; never, if none came. */
  private static long healedAt(List<FaultEvent> events, int i) {
    FaultKind kind = events.get(i).action().kind();
    return events.subList(i + 1, events.size()).stream()
        .filter(e -> e.action().kind() == kind && e.action().heals())
        .findFirst()
        .map(FaultEvent::endMs)
        .orElse(Long.MAX_VALUE);
  }

  static String render(long startMs, List<Line> lines) {
    StringBuilder out = new StringBuilder("Longest stall (no client finished an iteration) while a fault was in force:\n");
    for (Line line : lines) {
      out.append(String.format(Locale.ROOT, "  %-10s ", line.kind().label()));
      if (line.faults() == 0) {
        out.append("no fault of this kind was carried out\n");
        continue;
      }
      String faults = line.faults() + (line.faults() == 1 ? " fault" : " faults");
      if (line.longest().isEmpty()) {
        out.append("no stall (").append(faults).append(")\n");
        continue;
      }
      Standstill.Stall stall = line.longest().get();
      boolean overPromise = line.kind() != FaultKind.KILL && stall.ms() >= PROMISED_MS;
      out.append(String.format(Locale.ROOT, "%.2f s from %+.1f s (%s)%s%n", stall.ms() / 1000.0,
          (stall.fromMs() - startMs) / 1000.0, faults, overPromise ? ", over the 1 s of docs/API.md §3.9" : ""));
    }
    return out.toString();
  }
}
