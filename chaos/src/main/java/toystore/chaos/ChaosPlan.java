package toystore.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeded chaos schedule: at every interval either kill one service or restart the one that is
 * down, so at most one service is down at a time (the situation docs/API.md §3 promises to survive).
 * The same seed and services always give the same plan.
 */
public final class ChaosPlan {
  private ChaosPlan() {}

  /**
   * @param orderReplicas names of the order replicas (e.g. order-1…order-3)
   * @param otherServices names of the catalog and the frontend; killed only with {@link Targets#ALL}
   */
  public static List<Fault> create(
      long seed,
      Duration duration,
      Duration interval,
      Targets targets,
      double killLeaderRatio,
      List<String> orderReplicas,
      List<String> otherServices) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the interval must be positive");
    }
    if (!(killLeaderRatio >= 0 && killLeaderRatio <= 1)) {
      throw new IllegalArgumentException("the kill-leader ratio must be between 0 and 1, not " + killLeaderRatio);
    }
    List<String> victims = new ArrayList<>(orderReplicas.stream().sorted().toList());
    if (targets == Targets.ALL) {
      victims.addAll(otherServices.stream().sorted().toList());
    }
    if (victims.isEmpty()) {
      throw new IllegalArgumentException("there is no service to kill");
    }
    Random random = new Random(seed);
    List<Fault> plan = new ArrayList<>();
    Fault down = null;
    for (long at = interval.toMillis(); at < duration.toMillis(); at += interval.toMillis()) {
      if (down != null) {
        plan.add(new Fault(at, Fault.Action.RESTART, down.service()));
        down = null;
      } else {
        boolean leader = random.nextDouble() < killLeaderRatio;
        String victim = victims.get(random.nextInt(victims.size()));
        down = leader ? new Fault(at, Fault.Action.KILL_LEADER, null) : new Fault(at, Fault.Action.KILL, victim);
        plan.add(down);
      }
    }
    return List.copyOf(plan);
  }
}
