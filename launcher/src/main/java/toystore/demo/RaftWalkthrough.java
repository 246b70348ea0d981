package toystore.demo;

import static toystore.demo.DemoSteps.ORDERS_PER_ROUND;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceInfo;

/**
 * The failover walkthrough in raft mode, 9 steps: orders, SIGKILL of the replica Raft elected (its
 * {@code /health} says LEADER, whatever its id), the leader the survivors elect in a newer term and
 * the frontend following it, more orders, every order read back, the killed replica restarted and
 * catching up from the Raft log, every replica with the same digest, the checker.
 */
final class RaftWalkthrough implements FailoverDemo.Walkthrough {
  private final DemoSteps steps;
  private final Narrator narrator;

  RaftWalkthrough(DemoSteps steps) {
    this.steps = steps;
    this.narrator = steps.narrator;
  }

  /** A replica that leads, in the Raft term its {@code /health} reports. */
  private record Leader(int id, String name, long term) {
    @Override
    public String toString() {
      return name + " in term " + term;
    }
  }

  @Override
  public void walk() throws IOException, InterruptedException {
    narrator.begin("The cluster: order replicas on Raft (Apache Ratis)");
    List<ServiceInfo> services = steps.awaitLeader();
    services.forEach(s -> narrator.detail(DemoSteps.describe(s)));
    long replicas = services.stream().filter(s -> s.isOrderReplica()).count();
    long alive = services.stream().filter(s -> s.isOrderReplica() && s.alive()).count();
    Optional<Leader> elected = leader(steps.audit());
    if (!narrator.verdict(replicas == 3 && alive == 3 && elected.isPresent(),
        replicas + " order replicas, " + alive + " alive; Raft's leader " + elected.map(Leader::toString).orElse("none"))) {
      narrator.skipped("the demo needs three live order replicas and a Raft leader");
      return;
    }
    Leader first = elected.get();
    narrator.detail("the frontend's /status: leadership is " + steps.store.status().leadership());
    steps.learnToys();

    narrator.begin("Place " + ORDERS_PER_ROUND + " orders");
    narrator.verdict(steps.placeOrders() == ORDERS_PER_ROUND, steps.orders().size() + " orders acknowledged");

    narrator.begin("Kill the Raft leader (" + first + ") with SIGKILL");
    long leaderHad = DemoSteps.lastOrder(steps.audit(), first.name());
    String killed = steps.agent.killLeader();
    if (!narrator.verdict(killed.equals(first.name()), "killed " + killed)) {
      narrator.skipped("the agent killed another replica than the Raft leader");
      return;
    }

    narrator.begin("Raft elects a new leader among the two survivors");
    long killedAt = System.nanoTime();
    AtomicReference<Leader> next = new AtomicReference<>();
    boolean electedAgain = steps.await(() -> {
      leader(steps.audit()).filter(l -> !l.name().equals(killed) && l.term() > first.term()).ifPresent(next::set);
      return next.get() != null;
    });
    if (!narrator.verdict(electedAgain, electedAgain
        ? next.get() + " (was " + first + "), elected " + String.format("%.1f s", (System.nanoTime() - killedAt) / 1e9)
            + " after the kill"
        : "no survivor leads in a newer term than " + first.term())) {
      narrator.skipped("the demo needs a new Raft leader");
      return;
    }
    Leader second = next.get();
    boolean followed = steps.await(() -> Objects.equals(steps.store.status().leader(), second.id()));
    narrator.verdict(followed, "the frontend follows Raft's choice: its /status names order-"
        + steps.store.status().leader() + " leader; it elected nobody");

    narrator.begin("Place " + ORDERS_PER_ROUND + " more orders on the new leader");
    int before = steps.orders().size();
    narrator.verdict(steps.placeOrders() == ORDERS_PER_ROUND,
        (steps.orders().size() - before) + " more orders acknowledged, no client-visible error");

    narrator.begin("Look up every order");
    int identical = steps.readAllBack();
    narrator.verdict(identical == steps.orders().size(),
        identical + " of " + steps.orders().size() + " orders read back as acknowledged");

    narrator.begin("Restart the old leader (" + killed + ") and watch it catch up from the Raft log");
    steps.agent.restart(killed);
    narrator.detail(killed + " is back as a Raft follower; it held orders up to " + leaderHad
        + " when it was killed and must replay the " + (steps.lastOrderPlaced().number() - leaderHad)
        + " committed since from the leader's log");
    narrator.verdict(steps.awaitConverged(killed), killed + " caught up");
    narrator.detail(leader(steps.audit())
        .map(l -> l.name().equals(second.name()) && l.term() == second.term()
            ? l + " still leads: Raft does not hand leadership back to a returning replica"
            : "leadership moved to " + l + " (Raft held a new election)")
        .orElse("no replica says it leads right now"));

    narrator.begin("Every replica holds the same log");
    narrator.verdict(steps.awaitConverged(null), "all replicas report the same last order and digest");

    narrator.begin("Consistency check");
    steps.consistencyCheck();
  }

  /** The live replica whose {@code /health} says LEADER in the newest term (a deposed one may still say so, in an older term). */
  private static Optional<Leader> leader(Audit audit) {
    return audit.replicas().stream()
        .filter(r -> r.alive() && r.role() == Role.LEADER && r.epoch() != null)
        .max(Comparator.comparingLong(ReplicaStatus::epoch))
        .map(r -> new Leader(r.id(), r.name(), r.epoch()));
  }
}
