package toystore.order.simulation;

import static toystore.order.simulation.Scheduler.MILLIS;
import static toystore.order.simulation.Scheduler.SECONDS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import toystore.model.IdempotencyKey;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * One seeded schedule: replicas, frontend, catalog and clients on the simulated network; faults
 * for a while; then everything healed, a new order that must commit within {@link #LIVENESS}, and
 * quiet until orphaned purchases are settled, when the replicas must agree and the stock must add
 * up. The invariants are checked after every step throughout.
 */
final class Simulation {
  static final long LIVENESS = 6 * SECONDS;
  private static final String RESERVED_TOY = "Yo-Yo";
  private static final List<String> TOYS = List.of("Tux", "Whale", "Elephant", "Fox", "Lego", "Slinky");

  /** What a schedule did, and a fingerprint of how it went (equal for equal seeds). */
  record Result(long seed, Settings settings, long steps, long virtualNanos, long placed, int acknowledged,
                int committed, long faults, long fingerprint) {}

  private final long seed;
  private final int traceLines;
  private World world;

  Simulation(long seed, int traceLines) {
    this.seed = seed;
    this.traceLines = traceLines;
  }

  Result run() {
    Scheduler s = new Scheduler(seed);
    Settings settings = Settings.draw(s);
    world = new World(settings, s, new Trace(traceLines));
    try {
      return schedule(settings, s);
    } catch (RuntimeException | StackOverflowError e) {
      throw new SimulationFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private Result schedule(Settings settings, Scheduler s) {
    Map<String, Integer> stock = new LinkedHashMap<>();
    int toys = (int) s.between(2, TOYS.size());
    for (int i = 0; i < toys; i++) {
      stock.put(TOYS.get(i), (int) s.between(3, 80));
    }
    stock.put(RESERVED_TOY, 10);
    world.catalog = new CatalogModel(s, settings.timing().orphanAge().toMillis(), stock, RESERVED_TOY);
    world.frontend = new Frontend(world);
    world.network.attach(world.catalog);
    world.network.attach(world.frontend);
    for (int id = 1; id <= settings.replicas(); id++) {
      ReplicaNode node = new ReplicaNode(id, world);
      world.replicas.add(node);
      world.network.attach(node);
    }
    world.trace("sim", "start", settings);
    world.replicas.forEach(ReplicaNode::boot);
    world.frontend.boot();
    Clients clients = new Clients(world);
    Faults faults = new Faults(world);
    clients.start();
    faults.start(settings.faultPhase());
    s.runUntil(settings.faultPhase());

    clients.stop();
    faults.healAll();
    long healedAt = s.now();
    Clients.Result[] live = {null};
    clients.place(new Messages.PlaceOrder(RESERVED_TOY, 1, IdempotencyKey.client("liveness")), healedAt + LIVENESS, r -> live[0] = r);
    s.runUntil(healedAt + LIVENESS + settings.placeTimeout() + SECONDS, () -> live[0] != null);
    if (live[0] != Clients.Result.PLACED) {
      throw new SimulationFailure("liveness: with every fault healed at " + healedAt / 1e9
          + " s, no order committed within " + LIVENESS / 1e9 + " s (" + live[0] + ")");
    }
    long lastPurchase = Math.max(s.now(), healedAt + settings.retryDeadline() + settings.placeTimeout());
    s.runUntil(lastPurchase + settings.timing().orphanAge().toNanos()
        + 3 * settings.timing().reconcileEvery().toNanos() + 300 * MILLIS);
    world.trace("sim", "at rest", "");
    world.invariants.converged();
    checkStock();
    return result(s, clients, faults);
  }

  private Result result(Scheduler s, Clients clients, Faults faults) {
    List<Entry> committed = world.invariants.committed();
    long fingerprint = Objects.hash(s.steps(), committed, world.catalog.purchases());
    return new Result(seed, world.settings, s.steps(), s.now(), clients.placed, world.invariants.acknowledgedCount(),
        committed.size(), faults.injected, fingerprint);
  }

  /** At rest every purchase is a committed order and every committed order one purchase: stock adds up. */
  private void checkStock() {
    List<Entry> committed = world.invariants.committed();
    Map<String, Long> ordered = new HashMap<>();
    Map<String, String> orderedKeys = new TreeMap<>();
    for (Entry e : committed) {
      ordered.merge(e.name().toLowerCase(), (long) e.quantity(), Long::sum);
      orderedKeys.put(e.key().wire(), e.quantity() + " x " + e.name());
    }
    Map<String, String> bought = new TreeMap<>(world.catalog.purchases());
    if (!bought.equals(orderedKeys)) {
      Map<String, String> onlyBought = new TreeMap<>(bought);
      orderedKeys.keySet().forEach(onlyBought::remove);
      Map<String, String> onlyOrdered = new TreeMap<>(orderedKeys);
      bought.keySet().forEach(onlyOrdered::remove);
      throw new SimulationFailure("stock not conserved at rest: purchases without a committed order " + onlyBought
          + ", committed orders without a purchase " + onlyOrdered);
    }
    for (String toy : world.catalog.allToyNames()) {
      long sold = world.catalog.sold(toy);
      long sum = ordered.getOrDefault(toy.toLowerCase(), 0L);
      if (sold != sum) {
        throw new SimulationFailure("stock not conserved at rest: " + toy + " initial − current = " + sold
            + " but committed orders hold " + sum);
      }
    }
  }

  /** The readable account of a schedule (failed, or passed if {@code failure} is null): what failed, how to replay it, and the trace. */
  String report(SimulationFailure failure, String replay, int tail) {
    List<String> lines = new ArrayList<>();
    lines.add(failure == null ? "seed " + seed + " passed" : "SIMULATION FAILED: " + failure.getMessage());
    lines.add("seed " + seed + " at virtual time " + world.now() / 1e9 + " s, step " + world.scheduler.steps());
    lines.add("settings: " + world.settings);
    lines.add("replay: " + replay);
    List<String> trace = world.trace.lines();
    lines.add("trace (last " + Math.min(tail, trace.size()) + " events):");
    lines.addAll(trace.subList(Math.max(0, trace.size() - tail), trace.size()));
    if (failure != null && failure.getCause() != null && !(failure.getCause() instanceof SimulationFailure)) {
      lines.add("cause: " + failure.getCause());
      for (StackTraceElement e : failure.getCause().getStackTrace()) {
        lines.add("    at " + e);
      }
    }
    return String.join("\n", lines);
  }
}
