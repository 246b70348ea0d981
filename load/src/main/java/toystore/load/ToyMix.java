package toystore.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Which toys the clients ask for, and how often: uniformly (the lab's model) or with weights, e.g.
 * Zipf-like so that a few toys are popular and the cache has something to keep.
 */
public final class ToyMix {
  private final List<String> toys;
  /** Running sums of the normalized weights, or null for a uniform choice. */
  private final double[] cumulative;

  private ToyMix(List<String> toys, double[] cumulative) {
    if (toys.isEmpty()) {
      throw new IllegalArgumentException("at least one toy is needed");
    }
    this.toys = List.copyOf(toys);
    this.cumulative = cumulative;
  }

  public static ToyMix uniform(List<String> toys) {
    return new ToyMix(toys, null);
  }

  /** The i-th toy is chosen in proportion to {@code weights[i]}. */
  public static ToyMix weighted(List<String> toys, List<Double> weights) {
    if (weights.size() != toys.size()) {
      throw new IllegalArgumentException(toys.size() + " toys need as many weights, not " + weights.size());
    }
    if (weights.stream().anyMatch(w -> !(w >= 0) || w.isInfinite())) {
      throw new IllegalArgumentException("weights must be finite and not negative: " + weights);
    }
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    if (total <= 0) {
      throw new IllegalArgumentException("at least one weight must be above 0");
    }
    double[] cumulative = new double[weights.size()];
    double sum = 0;
    for (int i = 0; i < cumulative.length; i++) {
      sum += weights.get(i) / total;
      cumulative[i] = sum;
    }
    return new ToyMix(toys, cumulative);
  }

  /** Zipf's law: the toy of rank k (1-based, in list order) has weight 1/k^exponent. */
  public static ToyMix zipf(List<String> toys, double exponent) {
    List<Double> weights = new ArrayList<>();
    for (int rank = 1; rank <= toys.size(); rank++) {
      weights.add(1 / Math.pow(rank, exponent));
    }
    return weighted(toys, weights);
  }

  public List<String> toys() {
    return toys;
  }

  /** The chance of each toy, in list order. */
  public List<Double> probabilities() {
    List<Double> probabilities = new ArrayList<>();
    for (int i = 0; i < toys.size(); i++) {
      double previous = i == 0 ? 0 : cumulative(i - 1);
      probabilities.add(cumulative(i) - previous);
    }
    return probabilities;
  }

  private double cumulative(int i) {
    return cumulative == null ? (i + 1) / (double) toys.size() : cumulative[i];
  }

  /** Draws one toy; a uniform mix draws exactly as the lab's model always has (one nextInt). */
  String pick(Random random) {
    if (cumulative == null) {
      return toys.get(random.nextInt(toys.size()));
    }
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    // binarySearch gives -(insertion point) - 1 for a value between two sums.
    index = index >= 0 ? index : -index - 1;
    return toys.get(Math.min(index, toys.size() - 1));
  }
}
