package toystore.check;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import toystore.client.AgentClient;
import toystore.client.StoreClient;
import toystore.load.AckedOrder;
import toystore.load.RetryPolicy;
import toystore.model.Audit;
import toystore.model.Order;

/**
 * Checks a cluster at rest against docs/API.md §3. The store has up to 15 s after the last fault to
 * settle (§3.4: orphaned purchases given back; §3.7: replicas converge), so while the only
 * violations are of rules that can still mend (stock, digests) the checker takes a new audit every
 * 500 ms, saying what it waits for, until they hold or the 15 s are spent. A violation that cannot
 * mend (an acknowledged order lost or changed, numbering, a key bought twice) ends the wait at once.
 * Then it reads every acknowledged order back through the public API.
 */
public final class ConsistencyChecker {
  /** API.md §3.4: stock is exact within 15 s of the last fault. */
  public static final Duration SETTLE = Duration.ofSeconds(15);
  private static final Duration AUDIT_PAUSE = Duration.ofMillis(500);

  private final AgentClient agent;
  private final StoreClient store;
  private final Duration settle;
  private final RetryPolicy reads;
  private final Consumer<String> progress;

  /** @param progress told, in a line, what the checker is waiting for and how the wait ended */
  public ConsistencyChecker(AgentClient agent, StoreClient store, Duration settle, RetryPolicy reads, Consumer<String> progress) {
    this.agent = agent;
    this.store = store;
    this.settle = settle;
    this.reads = reads;
    this.progress = progress;
  }

  public ConsistencyChecker(AgentClient agent, StoreClient store, Consumer<String> progress) {
    this(agent, store, SETTLE, RetryPolicy.PATIENT, progress);
  }

  /** A checker that waits silently (for callers that print only the verdict). */
  public ConsistencyChecker(AgentClient agent, StoreClient store) {
    this(agent, store, line -> {});
  }

  /** @param acknowledged orders a client saw acknowledged (empty to check the cluster alone) */
  public CheckResult check(List<AckedOrder> acknowledged) throws IOException, InterruptedException {
    long startNanos = System.nanoTime();
    long deadline = startNanos + settle.toNanos();
    Audit audit;
    List<Violation> violations;
    String waitingFor = null;
    while (true) {
      // The agent answers 503 while a service it reads from is restarting: ask again, bounded.
      audit = reads.run(agent::audit).value();
      violations = new ArrayList<>(ConsistencyRules.check(audit, acknowledged));
      boolean settling = !violations.isEmpty() && violations.stream().allMatch(v -> v.kind().mayConverge());
      if (!settling) {
        if (waitingFor != null) {
          progress.accept(violations.isEmpty()
              ? "settled after " + seconds(System.nanoTime() - startNanos)
              : "stopped waiting: " + violations.stream().filter(v -> !v.kind().mayConverge()).findFirst().orElseThrow().message());
        }
        break;
      }
      if (System.nanoTime() > deadline) {
        progress.accept("still not settled after " + seconds(settle.toNanos()));
        break;
      }
      String now = waitingFor(violations);
      if (!now.equals(waitingFor)) {
        progress.accept(now);
        waitingFor = now;
      }
      Thread.sleep(AUDIT_PAUSE.toMillis());
    }
    violations.addAll(readBack(acknowledged));
    return new CheckResult(List.copyOf(violations), audit, acknowledged.size());
  }

  /** e.g. "waiting for Lego: the catalog sold 600, the committed orders hold 596 (up to 15 s)". */
  private String waitingFor(List<Violation> settling) {
    String more = settling.size() == 1 ? "" : " and " + (settling.size() - 1) + " more";
    return "waiting for " + settling.get(0).message() + more + " (up to " + seconds(settle.toNanos()) + ")";
  }

  private static String seconds(long nanos) {
    double s = nanos / 1e9;
    return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
  }

  private List<Violation> readBack(List<AckedOrder> acknowledged) throws InterruptedException {
    List<Violation> violations = new ArrayList<>();
    for (AckedOrder acked : acknowledged) {
      String which = "order " + acked.number() + " (key " + acked.key() + ")";
      try {
        Order order = reads.run(() -> store.lookup(acked.number())).value();
        if (!order.name().equals(acked.name()) || order.quantity() != acked.quantity()) {
          violations.add(
              new Violation(
                  Violation.Kind.ACKNOWLEDGED_ORDER,
                  which + " was acknowledged as " + acked.quantity() + " x " + acked.name()
                      + " but the frontend reads " + order.quantity() + " x " + order.name()));
        }
      } catch (RetryPolicy.RequestFailed e) {
        violations.add(
            new Violation(
                Violation.Kind.ACKNOWLEDGED_ORDER,
                which + " cannot be read from the frontend: "
                    + (e.status() == 0 ? "no reply (" + e.getMessage() + ")" : "HTTP " + e.status() + " " + e.getMessage())));
      }
    }
    return violations;
  }
}
