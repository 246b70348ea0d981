package toystore.order.simulation;

import static toystore.order.simulation.Scheduler.MILLIS;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Injects random faults during the fault phase: crash (and restart), pause, partitions (one
 * replica isolated, one link, frontend or catalog cut off), slow links, lossy weather (drop,
 * duplicate, delay), a full disk, the catalog down, the frontend crashed. Each ends after a while;
 * in most schedules at most a minority of replicas is faulty at a time, in some any number.
 * {@link #healAll} ends every fault at once.
 */
final class Faults {
  private final World world;
  private final Scheduler s;
  private final TreeSet<Integer> faulty = new TreeSet<>();
  private boolean healed;
  long injected;

  Faults(World world) {
    this.world = world;
    this.s = world.scheduler;
  }

  private int maxFaulty() {
    int n = world.settings.replicas();
    return world.settings.majorityFaults() ? n : n - world.settings.majority();
  }

  /** Injects faults until {@code until}. */
  void start(long until) {
    s.after(s.between(0, 2 * world.settings.faultGap()), () -> {
      if (s.now() < until && !healed) {
        inject();
        start(until);
      }
    });
  }

  private void inject() {
    List<Integer> healthy = new ArrayList<>();
    for (ReplicaNode r : world.replicas) {
      if (!faulty.contains(r.id)) {
        healthy.add(r.id);
      }
    }
    int kind = s.pick(12);
    if (kind < 8 && (healthy.isEmpty() || faulty.size() >= maxFaulty())) {
      kind = 8 + s.pick(4);
    }
    injected++;
    int r = kind < 8 ? healthy.get(s.pick(healthy.size())) : 0;
    ReplicaNode node = r == 0 ? null : world.replica(r);
    switch (kind) {
      case 0, 1 -> {
        fault(r, "crash", "");
        node.crash();
        end(r, s.between(MILLIS, 1500 * MILLIS), "restart", node::restart);
      }
      case 2 -> {
        fault(r, "pause", "");
        node.pause();
        end(r, s.between(10 * MILLIS, 1500 * MILLIS), "resume", node::resume);
      }
      case 3 -> {
        fault(r, "isolate", "from everyone");
        everyone(r, true);
        end(r, s.between(50 * MILLIS, 2000 * MILLIS), "rejoin", () -> everyone(r, false));
      }
      case 4 -> {
        int other = other(r);
        fault(r, "cut", "link to " + Network.label(other));
        world.network.cut(r, other);
        end(r, s.between(50 * MILLIS, 2000 * MILLIS), "heal", () -> world.network.heal(r, other));
      }
      case 5 -> {
        int other = s.chance(0.5) ? Network.FRONTEND : Network.CATALOG;
        fault(r, "cut", "link to " + Network.label(other));
        world.network.cut(r, other);
        end(r, s.between(50 * MILLIS, 2000 * MILLIS), "heal", () -> world.network.heal(r, other));
      }
      case 6 -> {
        long until = s.now() + s.between(5 * MILLIS, 1000 * MILLIS);
        fault(r, "disk full", "until " + until / 1e9);
        node.disk.failUntil(until);
        end(r, until - s.now(), "disk ok", () -> { });
      }
      case 7 -> {
        long delay = s.between(20, 400) * MILLIS;
        fault(r, "slow", "+" + delay / MILLIS + " ms on every link");
        for (int to : addresses(r)) {
          world.network.slow(r, to, delay);
        }
        end(r, s.between(100 * MILLIS, 2000 * MILLIS), "fast", () -> addresses(r).forEach(to -> world.network.unslow(r, to)));
      }
      case 8, 9 -> {
        Network.Weather w = new Network.Weather(s.random().nextDouble() * 0.2, s.random().nextDouble() * 0.1,
            s.between(0, 2) * MILLIS, s.between(2, 40) * MILLIS);
        world.trace("net", "weather", w);
        world.network.weather(w);
        end(0, s.between(100 * MILLIS, 1500 * MILLIS), "calm", () -> world.network.weather(Network.Weather.calm()));
      }
      case 10 -> {
        if (world.catalog.up()) {
          world.trace("C", "down", "");
          world.catalog.crash();
          end(0, s.between(20 * MILLIS, 1000 * MILLIS), "up", world.catalog::restart);
        }
      }
      default -> {
        if (world.frontend.up()) {
          world.trace("F", "crash", "");
          world.frontend.crash();
          end(0, s.between(MILLIS, 800 * MILLIS), "restart", world.frontend::restart);
        }
      }
    }
  }

  private int other(int r) {
    int o = 1 + s.pick(world.settings.replicas() - 1);
    return o >= r ? o + 1 : o;
  }

  private List<Integer> addresses(int r) {
    List<Integer> all = new ArrayList<>(List.of(Network.FRONTEND, Network.CATALOG));
    for (ReplicaNode n : world.replicas) {
      if (n.id != r) {
        all.add(n.id);
      }
    }
    return all;
  }

  private void everyone(int r, boolean cut) {
    for (int to : addresses(r)) {
      if (cut) {
        world.network.cut(r, to);
      } else {
        world.network.heal(r, to);
      }
    }
  }

  private void fault(int r, String what, String detail) {
    faulty.add(r);
    world.trace("R" + r, what, detail);
  }

  /** Ends a fault after {@code delay} (unless everything was healed before). */
  private void end(int r, long delay, String what, Runnable heal) {
    s.after(delay, () -> {
      if (!healed) {
        world.trace(r == 0 ? "sim" : "R" + r, what, "");
        heal.run();
        faulty.remove(r);
      }
    });
  }

  /** Every fault over at once: processes up and running, disks working, the network calm and whole. */
  void healAll() {
    healed = true;
    world.trace("sim", "heal all", "");
    world.network.healAll();
    if (!world.catalog.up()) {
      world.catalog.restart();
    }
    if (!world.frontend.up()) {
      world.frontend.restart();
    }
    for (ReplicaNode r : world.replicas) {
      r.disk.failUntil(-1);
      if (!r.up()) {
        r.restart();
      } else if (r.paused()) {
        r.resume();
      }
    }
    faulty.clear();
  }
}
