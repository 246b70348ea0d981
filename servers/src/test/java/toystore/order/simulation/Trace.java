package toystore.order.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last things that happened, kept cheaply (the objects themselves, formatted only when a
 * schedule fails): every input delivered, effect returned, fault, disk write and client step.
 */
final class Trace {
  private static final int MAX_LINE = 400;

  private record Line(long at, String node, String what, Object detail) {}

  private final Line[] ring;
  private long written;

  Trace(int capacity) {
    ring = new Line[capacity];
  }

  /** A detail worked out only if the trace is printed. */
  static Object lazy(Supplier<String> text) {
    return new Object() {
      @Override
      public String toString() {
        return text.get();
      }
    };
  }

  void add(long at, String node, String what, Object detail) {
    ring[(int) (written++ % ring.length)] = new Line(at, node, what, detail);
  }

  /** The kept lines, oldest first, one per event: virtual time in seconds, node, what, detail. */
  List<String> lines() {
    List<String> out = new ArrayList<>();
    long first = Math.max(0, written - ring.length);
    if (first > 0) {
      out.add("… " + first + " earlier events not kept …");
    }
    for (long i = first; i < written; i++) {
      Line l = ring[(int) (i % ring.length)];
      String text = String.format("%12.6f  %-4s %-10s %s", l.at / 1e9, l.node, l.what, l.detail);
      out.add(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + " …" : text);
    }
    return out;
  }
}
