package toystore.bench;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import toystore.load.RequestType;

/**
 * The bare Spark baseline against a store whose cache holds every toy, both running, measured in
 * alternating rounds (baseline, store, baseline, store, …) so that both meet the same background
 * load; the ratio is the median of the rounds' ratios. On a shared machine a baseline measured
 * minutes apart from the store can be off by a factor of several; alternating rounds are not.
 *
 * @param baseline each round's baseline run (p=0)
 * @param cached each round's store run (cache 12, p=0)
 */
public record BaselineComparison(List<Measured> baseline, List<Measured> cached) {
  public BaselineComparison {
    baseline = List.copyOf(baseline);
    cached = List.copyOf(cached);
    if (baseline.isEmpty() || baseline.size() != cached.size()) {
      throw new IllegalArgumentException("every round needs a baseline and a store run");
    }
  }

  /** Store queries per second over baseline queries per second, each round; the median of them. */
  public double medianThroughputRatio() {
    return Spread.of(IntStream.range(0, baseline.size())
        .mapToObj(i -> cached.get(i).perSecond(RequestType.QUERY) / baseline.get(i).perSecond(RequestType.QUERY))
        .toList()).median();
  }

  /** The baseline round of median throughput: the one to show as "the baseline". */
  public Measured typicalBaseline() {
    List<Measured> sorted = baseline.stream()
        .sorted(Comparator.comparingDouble(m -> m.perSecond(RequestType.QUERY)))
        .toList();
    return sorted.get(sorted.size() / 2);
  }
}
