package toystore.order.simulation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulated network: every message gets a random delay (so messages overtake each other), and
 * may be dropped or delivered twice; links can be cut (a partition) and healed, or made slow. A
 * request whose answer does not come back in time is reported silent, as an HTTP timeout would be.
 */
final class Network {
  static final int FRONTEND = 0;
  static final int CATALOG = 100;

  /** How messages fare right now; calm is what a healed network does. */
  record Weather(double drop, double duplicate, long minDelay, long maxDelay) {
    static Weather calm() {
      return new Weather(0, 0, 50 * Scheduler.MICROS, 2 * Scheduler.MILLIS);
    }
  }

  private final Scheduler scheduler;
  private final Trace trace;
  private final Map<Integer, SimProcess> processes = new HashMap<>();
  private final Set<Long> cut = new HashSet<>();
  private final Map<Long, Long> slow = new HashMap<>();
  private Weather weather = Weather.calm();

  Network(Scheduler scheduler, Trace trace) {
    this.scheduler = scheduler;
    this.trace = trace;
  }

  void attach(SimProcess process) {
    processes.put(process.address, process);
  }

  SimProcess process(int address) {
    return processes.get(address);
  }

  void weather(Weather weather) {
    this.weather = weather;
  }

  private static long link(int a, int b) {
    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }

  void cut(int a, int b) {
    cut.add(link(a, b));
  }

  void heal(int a, int b) {
    cut.remove(link(a, b));
  }

  boolean connected(int a, int b) {
    return !cut.contains(link(a, b));
  }

  void slow(int a, int b, long extraDelay) {
    slow.put(link(a, b), extraDelay);
  }

  void unslow(int a, int b) {
    slow.remove(link(a, b));
  }

  /** Back to a calm network: no cuts, no slow links, no losses. */
  void healAll() {
    cut.clear();
    slow.clear();
    weather = Weather.calm();
  }

  /** Sends {@code what} from one process to another; {@code arrive} runs at the receiver, if it arrives. */
  void transmit(int from, int to, Object what, Runnable arrive) {
    SimProcess target = processes.get(to);
    int incarnation = target.incarnation();
    if (!target.up() || !connected(from, to) || scheduler.chance(weather.drop())) {
      trace.add(scheduler.now(), label(from), "lost", Trace.lazy(() -> "→" + label(to) + " " + what));
      return;
    }
    int copies = scheduler.chance(weather.duplicate()) ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay = scheduler.between(weather.minDelay(), weather.maxDelay()) + slow.getOrDefault(link(from, to), 0L);
      scheduler.after(delay, () -> {
        if (connected(from, to)) {
          target.deliver(incarnation, arrive);
        }
      });
    }
  }

  /** One request's fate: the first of its answer and its timeout counts. */
  private static final class Exchange {
    boolean settled;
  }

  /**
   * A request from {@code from} to {@code to}: {@code serve} runs at the receiver and is handed the
   * way to answer; the requester gets {@code answered} or, after {@code timeout}, {@code silent}.
   */
  <A> void call(int from, int to, long timeout, Object what, Consumer<Consumer<A>> serve, Consumer<A> answered,
                Consumer<String> silent) {
    SimProcess requester = processes.get(from);
    int incarnation = requester.incarnation();
    Exchange exchange = new Exchange();
    scheduler.after(timeout, () -> requester.deliver(incarnation, () -> {
      if (!exchange.settled) {
        exchange.settled = true;
        silent.accept("no answer from " + label(to) + " within " + timeout / Scheduler.MILLIS + " ms");
      }
    }));
    transmit(from, to, what, () -> serve.accept(answer -> transmit(to, from, answer, () -> {
      if (requester.incarnation() == incarnation && !exchange.settled) {
        exchange.settled = true;
        answered.accept(answer);
      }
    })));
  }

  static String label(int address) {
    return address == FRONTEND ? "F" : address == CATALOG ? "C" : "R" + address;
  }
}
