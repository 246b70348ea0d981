package toystore.order.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import toystore.frontend.election.Leadership;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.Outcome;
import toystore.wire.order.Messages;

/**
 * Clients placing orders through the frontend, and the frontend's forwarding (OrderForwarder's
 * policy): the order goes to the leader and is retried with the same idempotency key (on the next
 * leader after a 421 or silence, on the same one after a 503) until the retry deadline. Keys look
 * like the frontend's: {@code client:<key>} when the client gave one, else {@code frontend:<uuid>};
 * clients sometimes retry a key whose outcome they never learned, or reuse one for another order.
 */
final class Clients {
  private static final long BACKOFF = 20 * Scheduler.MILLIS;

  enum Result { PLACED, REFUSED, UNKNOWN }

  private final World world;
  private final List<Messages.PlaceOrder> used = new ArrayList<>();
  private boolean stopped;
  private int sequence;
  long placed;
  long refused;
  long unknown;

  Clients(World world) {
    this.world = world;
  }

  void start() {
    for (int c = 1; c <= world.settings.clients(); c++) {
      next(c);
    }
  }

  /** No new orders from now on (those under way go on). */
  void stop() {
    stopped = true;
  }

  private void next(int client) {
    world.scheduler.after(world.scheduler.between(Scheduler.MILLIS, 60 * Scheduler.MILLIS), () -> {
      if (stopped) {
        return;
      }
      if (world.scheduler.chance(0.1)) {
        lookup();
        next(client);
        return;
      }
      Messages.PlaceOrder order = choose(client);
      place(order, world.now() + world.settings.retryDeadline(), result -> {
        switch (result) {
          case PLACED -> placed++;
          case REFUSED -> refused++;
          case UNKNOWN -> unknown++;
        }
        next(client);
      });
    });
  }

  private Messages.PlaceOrder choose(int client) {
    List<String> toys = world.catalog.toyNames();
    String toy = toys.get(world.scheduler.pick(toys.size()));
    int quantity = (int) world.scheduler.between(1, 3);
    if (!used.isEmpty() && world.scheduler.chance(0.08)) {
      Messages.PlaceOrder before = used.get(world.scheduler.pick(used.size()));
      // Mostly a retry of the same order; sometimes the key reused for another one (422 expected).
      return world.scheduler.chance(0.75) ? before : new Messages.PlaceOrder(toy, quantity, before.key());
    }
    IdempotencyKey key = world.scheduler.chance(0.6) ? IdempotencyKey.client("c" + client + "-" + ++sequence)
        : new IdempotencyKey(IdempotencyKey.Origin.FRONTEND,
            new UUID(world.scheduler.random().nextLong(), world.scheduler.random().nextLong()).toString());
    Messages.PlaceOrder order = new Messages.PlaceOrder(toy, quantity, key);
    used.add(order);
    return order;
  }

  /**
   * Places {@code order}, retrying until {@code deadline}; {@code done} gets how it ended (unknown
   * also when the frontend crashed meanwhile, which the client sees as a broken connection).
   */
  void place(Messages.PlaceOrder order, long deadline, Consumer<Result> done) {
    boolean[] over = {false};
    Consumer<Result> once = result -> {
      if (!over[0]) {
        over[0] = true;
        world.trace("F", "client", order.key() + " " + result);
        done.accept(result);
      }
    };
    world.scheduler.at(deadline + world.settings.placeTimeout() + BACKOFF, () -> once.accept(Result.UNKNOWN));
    attempt(order, deadline, once, world.frontend.incarnation());
  }

  private void attempt(Messages.PlaceOrder order, long deadline, Consumer<Result> done, int incarnation) {
    Frontend frontend = world.frontend;
    frontend.deliver(incarnation, () -> {
      if (world.now() >= deadline) {
        done.accept(Result.UNKNOWN);
        return;
      }
      Leadership leader = frontend.leader().orElse(null);
      if (leader == null) {
        retry(order, deadline, done, incarnation);
        return;
      }
      ReplicaNode node = world.replica(leader.replica());
      frontend.<Outcome>toLeader(leader.replica(), order, world.settings.placeTimeout(), answer -> node.servePlace(order, answer),
          outcome -> {
            if (outcome instanceof Outcome.Placed) {
              done.accept(Result.PLACED);
            } else if (outcome instanceof Outcome.KeyReused || outcome instanceof Outcome.CatalogRefused) {
              done.accept(Result.REFUSED);
            } else if (outcome == null || outcome instanceof Outcome.NotLeader || outcome instanceof Outcome.StaleEpoch) {
              frontend.leaderFailed(leader, outcome == null ? "an order call failed" : "it answered " + outcome);
              retry(order, deadline, done, incarnation);
            } else {
              retry(order, deadline, done, incarnation);
            }
          });
    });
  }

  private void retry(Messages.PlaceOrder order, long deadline, Consumer<Result> done, int incarnation) {
    world.scheduler.after(BACKOFF, () -> attempt(order, deadline, done, incarnation));
  }

  /** Reads an order, acknowledged or not, from the leader (or any replica when there is none). */
  private void lookup() {
    long number = world.scheduler.between(1, world.invariants.highestAcknowledged() + 2);
    boolean acknowledged = world.invariants.acknowledged(number);
    Leadership leader = world.frontend.up() ? world.frontend.leader().orElse(null) : null;
    int to = leader != null ? leader.replica() : 1 + world.scheduler.pick(world.settings.replicas());
    ReplicaNode node = world.replica(to);
    // Only the frontend's own leader is asked to vouch for "no such order" (docs/API.md §3.7).
    boolean vouches = acknowledged && leader != null;
    world.network.<Outcome>call(Network.FRONTEND, to, world.settings.placeTimeout(), "read " + number,
        answer -> node.serveRead(number, vouches, answer), outcome -> { }, why -> { });
  }
}
