package toystore.demo;

import java.io.IOException;
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
 * What both engines' walkthroughs do against the running store, each narrated: place orders and
 * remember what was acknowledged, read them back, wait for the replicas to converge, run the checker.
 * Talks to the cluster only over HTTP.
 */
final class DemoSteps {
  static final int ORDERS_PER_ROUND = 5;
  private static final Duration POLL = Duration.ofMillis(250);

  final StoreClient store;
  final AgentClient agent;
  final Narrator narrator;
  /** How long a leader and a converged store may take to show (docs/API.md §3.7 allows 5 s; twice that, or the engine's own). */
  private final Duration converge;
  private final Random random;
  private final String keyPrefix;
  private final List<AckedOrder> orders = new ArrayList<>();
  /** The toys the orders choose from: what the running store's catalog lists. */
  private List<String> toys = List.of();
  private int keys;

  DemoSteps(StoreClient store, AgentClient agent, Narrator narrator, Duration converge, long seed, String runId) {
    this.store = store;
    this.agent = agent;
    this.narrator = narrator;
    this.converge = converge;
    this.random = new Random(seed);
    this.keyPrefix = "demo-" + runId + "-";
  }

  /** The orders acknowledged so far, in the order they were placed. */
  List<AckedOrder> orders() {
    return orders;
  }

  AckedOrder lastOrderPlaced() {
    return orders.get(orders.size() - 1);
  }

  /** Reads the catalog's toys for the orders to come and narrates them. */
  void learnToys() throws IOException {
    toys = store.products().stream().map(Product::name).toList();
    narrator.detail("the catalog lists " + toys.size() + " toys: " + String.join(", ", toys));
  }

  /** The services once an order replica leads (the frontend or Raft picks one shortly after start), or as they are at the deadline. */
  List<ServiceInfo> awaitLeader() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + converge.toNanos();
    while (true) {
      List<ServiceInfo> services = agent.services();
      if (services.stream().anyMatch(s -> s.role() == Role.LEADER) || System.nanoTime() > deadline) {
        return services;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  int placeOrders() throws InterruptedException {
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

  boolean readsBack(AckedOrder expected) throws InterruptedException {
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

  /** How many of the acknowledged orders read back as acknowledged. */
  int readAllBack() throws InterruptedException {
    int identical = 0;
    for (AckedOrder order : orders) {
      identical += readsBack(order) ? 1 : 0;
    }
    return identical;
  }

  /** One attempt per order: with a minority, 200 must be right and anything else must be 503. */
  boolean lookUpWithMinority() {
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

  boolean orderRefused(String key) {
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

  boolean settle(String key) throws InterruptedException {
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
  boolean awaitConverged(String replica) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long deadline = start + converge.toNanos();
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

  /** The checker over every acknowledged order, its violations narrated. */
  boolean consistencyCheck() throws IOException, InterruptedException {
    CheckResult check = new ConsistencyChecker(agent, store).check(orders);
    check.violations().forEach(v -> narrator.detail(v.toString()));
    return narrator.verdict(check.passed(), check.verdictLine());
  }

  /** The agent answers 503 while a service it reads from is restarting: ask again, bounded. */
  Audit audit() throws IOException, InterruptedException {
    return RetryPolicy.PATIENT.run(agent::audit).value();
  }

  /** Polls {@code probe} every 250 ms until it answers true or the convergence bound has passed; returns its last answer. */
  boolean await(Probe probe) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + converge.toNanos();
    while (!probe.holds()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(POLL.toMillis());
    }
    return true;
  }

  /** A condition on the store that {@link #await} asks again until it holds. */
  interface Probe {
    boolean holds() throws IOException, InterruptedException;
  }

  static long lastOrder(Audit audit, String replica) {
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

  String nextKey() {
    return keyPrefix + ++keys;
  }

  static String describe(ServiceInfo s) {
    return String.format(
        "%-9s %-5s %s%s", s.name(), s.alive() ? "up" : "down", s.url(), s.role() == null ? "" : " " + s.role());
  }
}
