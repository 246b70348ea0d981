package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import toystore.check.CheckResult;
import toystore.check.ConsistencyChecker;
import toystore.client.AgentClient;
import toystore.client.ApiException;
import toystore.client.StoreClient;
import toystore.load.AckedOrder;
import toystore.load.RetryPolicy;
import toystore.model.Audit;
import toystore.model.Order;
import toystore.model.Product;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceInfo;

/**
 * The original design's failover walkthrough, scripted and narrated against a running cluster:
 * orders, kill the leader, more orders, read the first on the new leader, restart the old leader
 * and watch it catch up, lose two of three replicas and read everything again, restart them and
 * see every replica with the same digest. Talks to the cluster only over HTTP.
 */
public final class FailoverDemo {
  private static final int ORDERS_PER_ROUND = 5;
  /** Replicas converge within 5 s of a restart (docs/API.md §3.7); allow twice that. */
  private static final Duration CONVERGE = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(250);

  private final StoreClient store;
  private final AgentClient agent;
  private final PrintWriter out;
  private final Narrator narrator;
  private final Random random;
  private final String keyPrefix;
  private final List<AckedOrder> orders = new ArrayList<>();
  /** The toys the orders choose from: what the running store's catalog lists. */
  private List<String> toys = List.of();
  private int keys;

  /** @param runId makes this run's idempotency keys its own */
  public FailoverDemo(StoreClient store, AgentClient agent, PrintWriter out, long seed, String runId) {
    this.store = store;
    this.agent = agent;
    this.out = out;
    this.narrator = new Narrator(out);
    this.random = new Random(seed);
    this.keyPrefix = "demo-" + runId + "-";
  }

  /** Runs every step, narrating as it goes; returns whether every step passed. */
  public boolean run() throws InterruptedException {
    out.println("Toy Store failover demo — frontend " + store.url() + ", agent " + agent.url());
    try {
      walkthrough();
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

  private void walkthrough() throws IOException, InterruptedException {
    narrator.begin("The cluster");
    List<ServiceInfo> services = awaitLeader();
    services.forEach(s -> narrator.detail(describe(s)));
    List<ServiceInfo> replicas = services.stream().filter(s -> "order".equals(s.kind())).toList();
    ServiceInfo leader = replicas.stream().filter(s -> s.role() == Role.LEADER).findFirst().orElse(null);
    if (!narrator.verdict(
        replicas.size() == 3 && replicas.stream().allMatch(ServiceInfo::alive) && leader != null,
        replicas.size() + " order replicas, " + replicas.stream().filter(ServiceInfo::alive).count()
            + " alive; leader " + (leader == null ? "none" : leader.name()))) {
      narrator.skipped("the demo needs three live order replicas and a leader");
      return;
    }
    toys = store.products().stream().map(Product::name).toList();
    narrator.detail("the catalog lists " + toys.size() + " toys: " + String.join(", ", toys));

    narrator.begin("Place " + ORDERS_PER_ROUND + " orders");
    narrator.verdict(placeOrders() == ORDERS_PER_ROUND, orders.size() + " orders acknowledged");

    narrator.begin("Kill the leader (" + leader.name() + ") with SIGKILL");
    long leaderHad = lastOrder(audit(), leader.name());
    String killed = agent.killLeader();
    if (!narrator.verdict(killed.equals(leader.name()), "killed " + killed)) {
      narrator.skipped("the agent killed another replica than the leader");
      return;
    }

    narrator.begin("Place " + ORDERS_PER_ROUND + " more orders while the frontend fails over");
    int before = orders.size();
    narrator.verdict(placeOrders() == ORDERS_PER_ROUND, (orders.size() - before) + " more orders acknowledged, no client-visible error");

    narrator.begin("The new leader");
    Integer newLeader = store.status().leader();
    narrator.verdict(
        newLeader != null && !Objects.equals(newLeader, leader.id()),
        "the frontend now names order-" + newLeader + " leader (was " + leader.name() + ")");

    narrator.begin("Look up the first order on the new leader");
    narrator.verdict(readsBack(orders.get(0)), "order " + orders.get(0).number() + " reads back as acknowledged");

    narrator.begin("Restart the old leader (" + killed + ") and watch it catch up");
    agent.restart(killed);
    narrator.detail(killed + " is back; it held orders up to " + leaderHad + " when it was killed and must fetch the "
        + (orders.get(orders.size() - 1).number() - leaderHad) + " committed since");
    narrator.verdict(awaitConverged(killed), killed + " caught up");
    Integer leaderNow = store.status().leader();
    narrator.verdict(
        Objects.equals(leaderNow, newLeader),
        "leadership stays with order-" + newLeader + " (a returning higher id does not take over)");

    List<String> others =
        agent.services().stream()
            .filter(s -> "order".equals(s.kind()) && s.alive() && !s.name().equals(killed))
            .map(ServiceInfo::name)
            .toList();
    narrator.begin("Kill the other two replicas (" + String.join(", ", others) + "): only " + killed + " is left");
    for (String name : others) {
      agent.kill(name);
    }
    narrator.verdict(others.size() == 2, "killed " + String.join(" and ", others));

    narrator.begin("Look up every order with one replica of three");
    narrator.detail("A lone replica may answer only what it can confirm; the rest is 503, never a false 404 (docs/API.md §3.7)");
    narrator.verdict(lookUpWithMinority(), "every answer is the acknowledged order or an honest 503");

    narrator.begin("Try to order with one replica of three");
    String unsettledKey = nextKey();
    narrator.verdict(orderRefused(unsettledKey), "the order is refused with 503: no unsafe acknowledgement");

    narrator.begin("Restart " + String.join(" and ", others));
    for (String name : others) {
      agent.restart(name);
      narrator.detail(name + " is back");
    }
    narrator.verdict(true, "three replicas running again");

    narrator.begin("Settle the refused order by repeating its idempotency key");
    narrator.verdict(settle(unsettledKey), "the key buys exactly once, however often it is repeated");

    narrator.begin("Look up every order again");
    int identical = 0;
    for (AckedOrder order : orders) {
      identical += readsBack(order) ? 1 : 0;
    }
    narrator.verdict(identical == orders.size(), identical + " of " + orders.size() + " orders read back identical");

    narrator.begin("Every replica holds the same log");
    narrator.verdict(awaitConverged(null), "all replicas report the same last order and digest");

    narrator.begin("Consistency check");
    CheckResult check = new ConsistencyChecker(agent, store).check(orders);
    check.violations().forEach(v -> narrator.detail(v.toString()));
    narrator.verdict(check.passed(), check.verdictLine());
  }

  /** The services once an order replica leads (the frontend picks one shortly after start), or as they are at the deadline. */
  private List<ServiceInfo> awaitLeader() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    while (true) {
      List<ServiceInfo> services = agent.services();
      if (services.stream().anyMatch(s -> s.role() == Role.LEADER) || System.nanoTime() > deadline) {
        return services;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private int placeOrders() throws InterruptedException {
    int placed = 0;
    for (int i = 0; i < ORDERS_PER_ROUND; i++) {
      String toy = toys.get(random.nextInt(toys.size()));
      int quantity = 1 + random.nextInt(3);
      String key = nextKey();
      try {
        RetryPolicy.Outcome<Long> outcome = RetryPolicy.PATIENT.run(() -> store.order(toy, quantity, key));
        orders.add(new AckedOrder(outcome.value(), toy, quantity, 0, key));
        narrator.detail("order " + outcome.value() + ": " + quantity + " x " + toy
            + (outcome.retries() > 0 ? " (after " + outcome.retries() + " retries with the same key)" : ""));
        placed++;
      } catch (RetryPolicy.RequestFailed e) {
        narrator.detail("✗ " + quantity + " x " + toy + " failed: " + e.getMessage());
      }
    }
    return placed;
  }

  private boolean readsBack(AckedOrder expected) throws InterruptedException {
    try {
      Order order = RetryPolicy.PATIENT.run(() -> store.lookup(expected.number())).value();
      boolean same = order.name().equals(expected.name()) && order.quantity() == expected.quantity();
      narrator.detail("order " + order.number() + ": " + order.quantity() + " x " + order.name() + (same ? "" : " — acknowledged as "
          + expected.quantity() + " x " + expected.name()));
      return same;
    } catch (RetryPolicy.RequestFailed e) {
      narrator.detail("order " + expected.number() + ": " + e.getMessage() + " (HTTP " + e.status() + ")");
      return false;
    }
  }

  /** One attempt per order: with a minority, 200 must be right and anything else must be 503. */
  private boolean lookUpWithMinority() {
    boolean honest = true;
    int confirmed = 0;
    for (AckedOrder expected : orders) {
      try {
        Order order = store.lookup(expected.number());
        boolean same = order.name().equals(expected.name()) && order.quantity() == expected.quantity();
        narrator.detail("order " + order.number() + ": 200 " + order.quantity() + " x " + order.name() + (same ? "" : " — WRONG"));
        honest &= same;
        confirmed++;
      } catch (ApiException e) {
        boolean unavailable = e.status() == 503;
        narrator.detail("order " + expected.number() + ": " + e.status() + " " + e.getMessage() + (unavailable ? "" : " — WRONG"));
        honest &= unavailable;
      } catch (IOException e) {
        narrator.detail("order " + expected.number() + ": no reply (" + e.getMessage() + ") — WRONG");
        honest = false;
      }
    }
    narrator.detail(confirmed + " confirmed, " + (orders.size() - confirmed) + " not confirmable right now");
    return honest;
  }

  private boolean orderRefused(String key) {
    try {
      long number = store.order("Whale", 1, key);
      narrator.detail("order " + number + " acknowledged with one replica of three — UNSAFE");
      return false;
    } catch (ApiException e) {
      narrator.detail(e.status() + " " + e.getMessage());
      return e.status() == 503;
    } catch (IOException e) {
      narrator.detail("no reply: " + e.getMessage());
      return false;
    }
  }

  private boolean settle(String key) throws InterruptedException {
    try {
      long first = RetryPolicy.PATIENT.run(() -> store.order("Whale", 1, key)).value();
      long again = RetryPolicy.PATIENT.run(() -> store.order("Whale", 1, key)).value();
      narrator.detail("key " + key + " → order " + first + ", repeated → order " + again);
      orders.add(new AckedOrder(first, "Whale", 1, 0, key));
      return first == again;
    } catch (RetryPolicy.RequestFailed e) {
      narrator.detail("key " + key + " failed: " + e.getMessage() + " (HTTP " + e.status() + ")");
      return false;
    }
  }

  /**
   * Waits (bounded) until every live replica — or, with {@code replica}, that one and the rest — is
   * alive with the committed log's last order and one digest; narrates what it saw.
   */
  private boolean awaitConverged(String replica) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + CONVERGE.toNanos();
    Audit audit;
    while (true) {
      audit = audit();
      if (converged(audit, replica) || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(POLL.toMillis());
    }
    audit.replicas().forEach(r -> narrator.detail(
        r.name() + (r.alive() ? " " + r.state() + " " + Objects.toString(r.role(), "-") + ", last order " + r.lastOrder()
            + ", digest " + r.digest() : " down")));
    boolean ok = converged(audit, replica);
    if (ok) {
      narrator.detail(String.format("converged after %.1f s", (System.nanoTime() - start) / 1e9));
    }
    return ok;
  }

  /** The agent answers 503 while a service it reads from is restarting: ask again, bounded. */
  private Audit audit() throws IOException, InterruptedException {
    return RetryPolicy.PATIENT.run(agent::audit).value();
  }

  private static long lastOrder(Audit audit, String replica) {
    return audit.replicas().stream()
        .filter(r -> r.name().equals(replica) && r.lastOrder() != null)
        .mapToLong(ReplicaStatus::lastOrder)
        .findFirst()
        .orElse(0);
  }

  private static boolean converged(Audit audit, String replica) {
    long committed = audit.orders().stream().mapToLong(Audit.CommittedOrder::number).max().orElse(0);
    List<ReplicaStatus> live = audit.replicas().stream().filter(ReplicaStatus::alive).toList();
    boolean named = replica == null
        ? live.size() == audit.replicas().size()
        : live.stream().anyMatch(r -> r.name().equals(replica));
    return named
        && live.stream().allMatch(r -> Objects.equals(r.lastOrder(), committed) && r.digest() != null)
        && live.stream().map(ReplicaStatus::digest).collect(Collectors.toSet()).size() == 1;
  }

  private String nextKey() {
    return keyPrefix + ++keys;
  }

  private static String describe(ServiceInfo s) {
    return String.format(
        "%-9s %-5s %s%s", s.name(), s.alive() ? "up" : "down", s.url(), s.role() == null ? "" : " " + s.role());
  }
}
