package toystore.demo;

import static toystore.demo.DemoSteps.ORDERS_PER_ROUND;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import toystore.model.Role;
import toystore.model.ServiceInfo;

/**
 * The original design's failover walkthrough (lab mode), 15 steps: orders, kill the leader, more
 * orders, read the first on the new leader, restart the old leader and watch it catch up, lose two
 * of three replicas and read everything again, restart them and see every replica with the same digest.
 */
final class LabWalkthrough implements FailoverDemo.Walkthrough {
  private final DemoSteps steps;
  private final Narrator narrator;

  LabWalkthrough(DemoSteps steps) {
    this.steps = steps;
    this.narrator = steps.narrator;
  }

  @Override
  public void walk() throws IOException, InterruptedException {
    narrator.begin("The cluster");
    List<ServiceInfo> services = steps.awaitLeader();
    services.forEach(s -> narrator.detail(DemoSteps.describe(s)));
    List<ServiceInfo> replicas = services.stream().filter(s -> s.isOrderReplica()).toList();
    ServiceInfo leader = replicas.stream().filter(s -> s.role() == Role.LEADER).findFirst().orElse(null);
    if (!narrator.verdict(
        replicas.size() == 3 && replicas.stream().allMatch(ServiceInfo::alive) && leader != null,
        replicas.size() + " order replicas, " + replicas.stream().filter(ServiceInfo::alive).count()
            + " alive; leader " + (leader == null ? "none" : leader.name()))) {
      narrator.skipped("the demo needs three live order replicas and a leader");
      return;
    }
    steps.learnToys();

    narrator.begin("Place " + ORDERS_PER_ROUND + " orders");
    narrator.verdict(steps.placeOrders() == ORDERS_PER_ROUND, steps.orders().size() + " orders acknowledged");

    narrator.begin("Kill the leader (" + leader.name() + ") with SIGKILL");
    long leaderHad = DemoSteps.lastOrder(steps.audit(), leader.name());
    String killed = steps.agent.killLeader();
    if (!narrator.verdict(killed.equals(leader.name()), "killed " + killed)) {
      narrator.skipped("the agent killed another replica than the leader");
      return;
    }

    narrator.begin("Place " + ORDERS_PER_ROUND + " more orders while the frontend fails over");
    int before = steps.orders().size();
    narrator.verdict(steps.placeOrders() == ORDERS_PER_ROUND,
        (steps.orders().size() - before) + " more orders acknowledged, no client-visible error");

    narrator.begin("The new leader");
    Integer newLeader = steps.store.status().leader();
    narrator.verdict(
        newLeader != null && !Objects.equals(newLeader, leader.id()),
        "the frontend now names order-" + newLeader + " leader (was " + leader.name() + ")");

    narrator.begin("Look up the first order on the new leader");
    narrator.verdict(steps.readsBack(steps.orders().get(0)),
        "order " + steps.orders().get(0).number() + " reads back as acknowledged");

    narrator.begin("Restart the old leader (" + killed + ") and watch it catch up");
    steps.agent.restart(killed);
    narrator.detail(killed + " is back; it held orders up to " + leaderHad + " when it was killed and must fetch the "
        + (steps.lastOrderPlaced().number() - leaderHad) + " committed since");
    narrator.verdict(steps.awaitConverged(killed), killed + " caught up");
    Integer leaderNow = steps.store.status().leader();
    narrator.verdict(
        Objects.equals(leaderNow, newLeader),
        "leadership stays with order-" + newLeader + " (a returning higher id does not take over)");

    List<String> others =
        steps.agent.services().stream()
            .filter(s -> s.isOrderReplica() && s.alive() && !s.name().equals(killed))
            .map(ServiceInfo::name)
            .toList();
    narrator.begin("Kill the other two replicas (" + String.join(", ", others) + "): only " + killed + " is left");
    for (String name : others) {
      steps.agent.kill(name);
    }
    narrator.verdict(others.size() == 2, "killed " + String.join(" and ", others));

    narrator.begin("Look up every order with one replica of three");
    narrator.detail("A lone replica may answer only what it can confirm; the rest is 503, never a false 404 (docs/API.md §3.7)");
    narrator.verdict(steps.lookUpWithMinority(), "every answer is the acknowledged order or an honest 503");

    narrator.begin("Try to order with one replica of three");
    String unsettledKey = steps.nextKey();
    narrator.verdict(steps.orderRefused(unsettledKey), "the order is refused with 503: no unsafe acknowledgement");

    narrator.begin("Restart " + String.join(" and ", others));
    for (String name : others) {
      steps.agent.restart(name);
      narrator.detail(name + " is back");
    }
    narrator.verdict(true, "three replicas running again");

    narrator.begin("Settle the refused order by repeating its idempotency key");
    narrator.verdict(steps.settle(unsettledKey), "the key buys exactly once, however often it is repeated");

    narrator.begin("Look up every order again");
    int identical = steps.readAllBack();
    narrator.verdict(identical == steps.orders().size(),
        identical + " of " + steps.orders().size() + " orders read back identical");

    narrator.begin("Every replica holds the same log");
    narrator.verdict(steps.awaitConverged(null), "all replicas report the same last order and digest");

    narrator.begin("Consistency check");
    steps.consistencyCheck();
  }
}
