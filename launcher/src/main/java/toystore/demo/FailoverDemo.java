package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import toystore.client.AgentClient;
import toystore.client.StoreClient;
import toystore.config.Replication;

/**
 * The scripted failover walkthrough, narrated against a running cluster: the lab protocol's
 * ({@link LabWalkthrough}) or Raft's ({@link RaftWalkthrough}), by the engine the store runs.
 * Talks to the cluster only over HTTP.
 */
public final class FailoverDemo {
  /** Replicas converge within 5 s of a restart (docs/API.md §3.7); allow twice that. */
  private static final Duration LAB_CONVERGE = Duration.ofSeconds(10);
  /** Raft needs an election timeout (1-2 s) or more per election on a loaded machine; allow twice the lab's. */
  private static final Duration RAFT_CONVERGE = Duration.ofSeconds(20);

  /** One engine's script of steps. */
  interface Walkthrough {
    void walk() throws IOException, InterruptedException;
  }

  private final StoreClient store;
  private final AgentClient agent;
  private final PrintWriter out;
  private final Narrator narrator;
  private final Replication engine;
  private final Walkthrough walkthrough;

  /** @param runId makes this run's idempotency keys its own */
  public FailoverDemo(StoreClient store, AgentClient agent, PrintWriter out, long seed, String runId, Replication engine) {
    this.store = store;
    this.agent = agent;
    this.out = out;
    this.narrator = new Narrator(out);
    this.engine = engine;
    this.walkthrough = switch (engine) {
      case LAB -> new LabWalkthrough(new DemoSteps(store, agent, narrator, LAB_CONVERGE, seed, runId));
      case RAFT -> new RaftWalkthrough(new DemoSteps(store, agent, narrator, RAFT_CONVERGE, seed, runId));
    };
  }

  /** Runs every step, narrating as it goes; returns whether every step passed. */
  public boolean run() throws InterruptedException {
    out.println("Toy Store failover demo" + (engine == Replication.RAFT ? " on Raft (Apache Ratis)" : "")
        + " — frontend " + store.url() + ", agent " + agent.url());
    try {
      walkthrough.walk();
    } catch (IOException e) {
      narrator.verdict(false, "the cluster stopped answering: " + e.getMessage());
      narrator.skipped("the demo cannot go on without the cluster");
    }
    out.flush();
    return narrator.passed();
  }

  /** {@code DEMO PASSED: …} or {@code DEMO FAILED: …}, once {@link #run()} has returned. */
  public String summary() {
    return narrator.summary();
  }
}
