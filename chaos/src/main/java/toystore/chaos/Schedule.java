package toystore.chaos;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a chaos schedule may do: for how long, how often, which kinds of fault, against which
 * services, and how often it aims at the order leader rather than a service drawn at random.
 */
public record Schedule(Duration duration, Duration interval, Set<FaultKind> kinds, Targets targets, double leaderRatio) {
  public Schedule {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the interval must be positive");
    }
    if (!(leaderRatio >= 0 && leaderRatio <= 1)) {
      throw new IllegalArgumentException("the leader ratio must be between 0 and 1, not " + leaderRatio);
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("name at least one kind of fault");
    }
    kinds = Set.copyOf(EnumSet.copyOf(kinds));
  }
}
