package toystore.chaos;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/**
 * The seeded chaos schedule: at every interval either a fault or the heal of the fault in force, so
 * one fault at a time, each healed before the next (kill → restart, pause → resume, partition →
 * heal). A fault hits one service, so never more than one order replica is affected: a minority once
 * there are three (the situation docs/API.md §3.6 and §3.9 promise to survive). Partitions take shapes
 * that leave a majority of replicas connected and reachable from the frontend: the leader cut off
 * from everyone, one replica cut off from everyone, the frontend cut off from the leader only. The
 * same seed, schedule and services always give the same plan.
 */
public final class ChaosPlan {
  private ChaosPlan() {}

  /**
   * @param orderReplicas names of the order replicas (e.g. order-1…order-3)
   * @param otherServices names of the catalog and the frontend; killed or paused only with {@link Targets#ALL}
   */
  public static List<Fault> create(long seed, Schedule schedule, List<String> orderReplicas, List<String> otherServices) {
    if (orderReplicas.size() < 3) {
      throw new IllegalArgumentException(
          "chaos needs at least 3 order replicas: with " + orderReplicas.size() + " one fault already takes a majority");
    }
    List<String> replicas = orderReplicas.stream().sorted().toList();
    List<String> victims = new ArrayList<>(replicas);
    if (schedule.targets() == Targets.ALL) {
      victims.addAll(otherServices.stream().sorted().toList());
    }
    List<FaultKind> kinds = List.copyOf(EnumSet.copyOf(schedule.kinds()));
    Random random = new Random(seed);
    List<Fault> plan = new ArrayList<>();
    Fault inForce = null;
    long step = schedule.interval().toMillis();
    for (long at = step; at < schedule.duration().toMillis(); at += step) {
      if (inForce != null) {
        plan.add(heal(at, inForce));
        inForce = null;
      } else {
        // With one kind there is nothing to draw, so a kill-only seed plans what it always did.
        FaultKind kind = kinds.size() == 1 ? kinds.get(0) : kinds.get(random.nextInt(kinds.size()));
        inForce = fault(at, kind, random, schedule.leaderRatio(), victims, replicas);
        plan.add(inForce);
      }
    }
    return List.copyOf(plan);
  }

  private static Fault fault(long at, FaultKind kind, Random random, double leaderRatio, List<String> victims, List<String> replicas) {
    boolean leader = random.nextDouble() < leaderRatio;
    return switch (kind) {
      case KILL -> {
        String victim = victims.get(random.nextInt(victims.size()));
        yield leader ? new Fault(at, Fault.Action.KILL_LEADER, null) : new Fault(at, Fault.Action.KILL, victim);
      }
      case PAUSE -> {
        String victim = victims.get(random.nextInt(victims.size()));
        yield leader ? new Fault(at, Fault.Action.PAUSE_LEADER, null) : new Fault(at, Fault.Action.PAUSE, victim);
      }
      case PARTITION -> {
        // Partitions are about the order service: the catalog and the frontend are never cut off whole.
        String victim = replicas.get(random.nextInt(replicas.size()));
        boolean fromFrontend = random.nextBoolean();
        yield !leader
            ? new Fault(at, Fault.Action.ISOLATE, victim)
            : new Fault(at, fromFrontend ? Fault.Action.CUT_FRONTEND_FROM_LEADER : Fault.Action.ISOLATE_LEADER, null);
      }
    };
  }

  private static Fault heal(long at, Fault fault) {
    return switch (fault.kind()) {
      case KILL -> new Fault(at, Fault.Action.RESTART, fault.service());
      case PAUSE -> new Fault(at, Fault.Action.RESUME, fault.service());
      case PARTITION -> new Fault(at, Fault.Action.HEAL, fault.service());
    };
  }
}
