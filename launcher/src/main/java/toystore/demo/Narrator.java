package toystore.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Tells the demo as numbered steps, each ending in ✓ or ✗, and keeps the tally. */
final class Narrator {
  private final PrintWriter out;
  private final List<String> failed = new ArrayList<>();
  private int steps;

  Narrator(PrintWriter out) {
    this.out = out;
  }

  void begin(String title) {
    steps++;
    out.printf("%n%2d. %s%n", steps, title);
    out.flush();
  }

  void detail(String line) {
    out.println("    " + line);
    out.flush();
  }

  /** Ends the step with ✓ when {@code ok}, else ✗; returns {@code ok}. */
  boolean verdict(boolean ok, String message) {
    out.println("    " + (ok ? "✓ " : "✗ ") + message);
    out.flush();
    if (!ok) {
      failed.add(steps + ". " + message);
    }
    return ok;
  }

  void skipped(String reason) {
    out.printf("%n    The remaining steps are skipped: %s%n", reason);
    failed.add("steps after " + steps + " skipped");
  }

  boolean passed() {
    return failed.isEmpty();
  }

  /** {@code DEMO PASSED: …} or {@code DEMO FAILED: …} with what failed. */
  String summary() {
    if (failed.isEmpty()) {
      return "DEMO PASSED: all " + steps + " steps went as docs/API.md §3 promises";
    }
    return "DEMO FAILED: " + String.join("; ", failed);
  }
}
