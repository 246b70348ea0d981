package toystore.bench;

import java.util.List;
import java.util.Locale;

/**
 * A figure measured in several rounds: the median is the figure, min–max shows how far one round
 * can be from it on a shared machine.
 */
record Spread(double median, double min, double max) {
  static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a spread needs at least one value");
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Spread(median, sorted.get(0), sorted.get(n - 1));
  }

  /** e.g. {@code 12.3 (10.1–14.0)} for {@code "%.1f"}. */
  String format(String number) {
    return String.format(Locale.ROOT, number + " (" + number + "–" + number + ")", median, min, max);
  }
}
