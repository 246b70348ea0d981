package toystore.check;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import toystore.client.AgentClient;
import toystore.client.StoreClient;
import toystore.load.AckedOrder;
import toystore.load.RetryPolicy;
import toystore.model.Audit;
import toystore.model.Order;

/**
 * Checks a cluster at rest against docs/API.md §3: takes audits from the agent until the rules hold or
 * the settle time is spent (replicas converge within 5 s), then reads every acknowledged order
 * back through the public API.
 */
public final class ConsistencyChecker {
  /** Replicas converge within 5 s of the last restart (§3.7); allow twice that. */
  public static final Duration SETTLE = Duration.ofSeconds(10);
  private static final Duration AUDIT_PAUSE = Duration.ofMillis(500);

  private final AgentClient agent;
  private final StoreClient store;
  private final Duration settle;
  private final RetryPolicy reads;

  public ConsistencyChecker(AgentClient agent, StoreClient store, Duration settle, RetryPolicy reads) {
    this.agent = agent;
    this.store = store;
    this.settle = settle;
    this.reads = reads;
  }

  public ConsistencyChecker(AgentClient agent, StoreClient store) {
    this(agent, store, SETTLE, RetryPolicy.PATIENT);
  }

  /** @param acknowledged orders a client saw acknowledged (empty to check the cluster alone) */
  public CheckResult check(List<AckedOrder> acknowledged) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + settle.toNanos();
    Audit audit;
    List<Violation> violations;
    while (true) {
      // The agent answers 503 while a service it reads from is restarting: ask again, bounded.
      audit = reads.run(agent::audit).value();
      violations = new ArrayList<>(ConsistencyRules.check(audit, acknowledged));
      boolean settling = violations.stream().anyMatch(v -> v.kind().mayConverge());
      if (!settling || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(AUDIT_PAUSE.toMillis());
    }
    violations.addAll(readBack(acknowledged));
    return new CheckResult(List.copyOf(violations), audit, acknowledged.size());
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
