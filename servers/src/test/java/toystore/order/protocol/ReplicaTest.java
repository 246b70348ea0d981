package toystore.order.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import toystore.model.IdempotencyKey;
import toystore.model.Role;
import toystore.wire.catalog.CatalogItem;
import toystore.wire.catalog.PurchaseResult;
import toystore.wire.catalog.Unsettled;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport.Kind;

/**
 * One leader and two followers driven by hand: every effect is carried out at once, in order, by
 * this test (no network, no threads, no clock). The heavy, seeded simulation lives elsewhere.
 */
class ReplicaTest {
  /** A request one replica sent another, waiting for the callee's reply. */
  private record Asked(int from, long sendId, PeerRequest request) {}

  private record Delivery(int to, Input input) {}

  private final Map<Integer, Replica> replicas = new HashMap<>();
  private final Map<Long, Asked> asked = new HashMap<>();
  private final Map<Long, Outcome> answers = new HashMap<>();
  private final Set<Integer> failingDisks = new HashSet<>();
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private long now;
  private long calls;

  ReplicaTest() {
    for (int id = 1; id <= 3; id++) {
      int me = id;
      List<Integer> peers = List.of(1, 2, 3).stream().filter(p -> p != me).toList();
      replicas.put(id, new Replica(id, peers, Restored.empty(), Timing.standard(), now));
    }
  }

  /** Asks replica {@code to} and runs everything that follows; returns its answer, or null if none yet. */
  private Outcome ask(int to, java.util.function.Function<Call, Input> input) {
    Call call = new Call(++calls);
    queue.add(new Delivery(to, input.apply(call)));
    run();
    return answers.get(call.id());
  }

  private void tick(Duration step) {
    now += step.toNanos();
    replicas.keySet().forEach(id -> queue.add(new Delivery(id, new Input.Tick())));
    run();
  }

  private void run() {
    while (!queue.isEmpty()) {
      Delivery d = queue.poll();
      for (Effect effect : replicas.get(d.to()).handle(d.input(), now)) {
        carryOut(d.to(), effect);
      }
    }
  }

  private void carryOut(int at, Effect effect) {
    if (effect instanceof Effect.Send send) {
      Call call = new Call(++calls);
      asked.put(call.id(), new Asked(at, send.sendId(), send.request()));
      if (send.request() instanceof PeerRequest.Join join) {
        queue.add(new Delivery(send.to(), new Input.Join(call, join.join())));
      } else if (send.request() instanceof PeerRequest.Append append) {
        queue.add(new Delivery(send.to(), new Input.Append(call, append.append())));
      } else if (send.request() instanceof PeerRequest.FetchLog fetch) {
        Messages.LogPage page = replicas.get(send.to()).logPage(fetch.from(), 1000);
        queue.add(new Delivery(at, new Input.Answered(send.to(), send.sendId(),
            new Input.LogPageReply(page.entries(), page.commitNumber(), page.lastNumber()))));
      }
    } else if (effect instanceof Effect.Reply reply) {
      Asked peerCall = asked.remove(reply.call().id());
      if (peerCall == null) {
        answers.put(reply.call().id(), reply.outcome());
      } else {
        queue.add(new Delivery(peerCall.from(), peerAnswer(at, peerCall, reply.outcome())));
      }
    } else if (effect instanceof Effect.Persist persist) {
      queue.add(new Delivery(at, failingDisks.contains(at) ? new Input.PersistFailed(persist.writeId(), "disk full")
          : new Input.Persisted(persist.writeId())));
    } else if (effect instanceof Effect.Buy buy) {
      CatalogItem toy = new CatalogItem("Tux", 25, 99, 2);
      queue.add(new Delivery(at, new Input.Bought(buy.purchase(), new PurchaseResult(toy, false))));
    } else if (effect instanceof Effect.FenceCatalog fence) {
      queue.add(new Delivery(at, new Input.CatalogFenced(fence.epoch())));
    } else if (effect instanceof Effect.ListUnsettled) {
      queue.add(new Delivery(at, new Input.Unsettled(new Unsettled(1, List.of()))));
    }
  }

  private static Input peerAnswer(int peer, Asked call, Outcome outcome) {
    if (outcome instanceof Outcome.JoinedEpoch joined) {
      return new Input.Answered(peer, call.sendId(), new Input.JoinAccepted(joined.joined()));
    }
    if (outcome instanceof Outcome.AppendAnswered appended) {
      return new Input.Answered(peer, call.sendId(), new Input.AppendReply(appended.appended()));
    }
    if (call.request() instanceof PeerRequest.Join) {
      return new Input.Answered(peer, call.sendId(), new Input.JoinRefused(outcome.toString()));
    }
    return new Input.Unanswered(peer, call.sendId(), outcome.toString());
  }

  private Outcome place(int at, IdempotencyKey key) {
    return ask(at, call -> new Input.Place(call, new Messages.PlaceOrder("tux", 1, key)));
  }

  @Test
  void aLeaderTakesOverCommitsAnOrderAndTheFollowersHoldIt() {
    assertThat(ask(3, call -> new Input.Lead(call, 1))).isEqualTo(new Outcome.Led(1));
    assertThat(replicas.get(3).view(now).role()).isEqualTo(Role.LEADER);

    Outcome placed = place(3, IdempotencyKey.client("a"));
    assertThat(placed).isInstanceOf(Outcome.Placed.class);
    Messages.OrderPlaced order = ((Outcome.Placed) placed).placed();
    assertThat(order.number()).isEqualTo(1);
    assertThat(order.name()).as("the catalog's name of the toy").isEqualTo("Tux");
    assertThat(order.item()).isNotNull();

    assertThat(place(3, IdempotencyKey.client("a"))).as("the same key answers with the same order")
        .isEqualTo(new Outcome.Placed(new Messages.OrderPlaced(1, "Tux", 1, null)));
    assertThat(ask(3, call -> new Input.Place(call, new Messages.PlaceOrder("fox", 1, IdempotencyKey.client("a")))))
        .isEqualTo(new Outcome.KeyReused());

    tick(Duration.ofMillis(150));
    for (int id = 1; id <= 3; id++) {
      ReplicaView view = replicas.get(id).view(now);
      assertThat(view.commitNumber()).as("replica %d", id).isEqualTo(1);
      assertThat(view.aligned()).isTrue();
      assertThat(replicas.get(id).digestAt(1)).isEqualTo(replicas.get(3).digestAt(1));
    }
    assertThat(replicas.get(1).read(1, now)).isInstanceOf(Outcome.Found.class);
    assertThat(replicas.get(3).read(2, now)).isEqualTo(new Outcome.NotFound());
    assertThat(replicas.get(1).read(2, now)).isEqualTo(new Outcome.NotLeader("not the leader"));
    assertThat(place(1, IdempotencyKey.client("b"))).isEqualTo(new Outcome.NotLeader("not the leader"));
  }

  @Test
  void aFollowerWhoseWriteFailsHoldsNothingAndCatchesUpOnceItsDiskWorks() {
    assertThat(ask(3, call -> new Input.Lead(call, 1))).isEqualTo(new Outcome.Led(1));
    failingDisks.add(2);

    assertThat(place(3, IdempotencyKey.client("a"))).as("replica 1 and the leader are a majority").isInstanceOf(Outcome.Placed.class);
    ReplicaView failing = replicas.get(2).view(now);
    assertThat(failing.fault()).isEqualTo("disk full");
    assertThat(failing.lastNumber()).as("memory is as the disk is").isZero();

    failingDisks.clear();
    tick(Duration.ofMillis(150));
    ReplicaView healed = replicas.get(2).view(now);
    assertThat(healed.fault()).isNull();
    assertThat(healed.lastNumber()).isEqualTo(1);
    assertThat(healed.commitNumber()).isEqualTo(1);
  }

  @Test
  void aStaleEpochIsRefusedAndTheDeposedLeaderStepsDown() {
    assertThat(ask(3, call -> new Input.Lead(call, 1))).isEqualTo(new Outcome.Led(1));
    assertThat(ask(2, call -> new Input.Lead(call, 1)))
        .isEqualTo(new Outcome.StaleEpoch("epoch 1 is not newer than 1"));

    assertThat(ask(2, call -> new Input.Lead(call, 2))).isEqualTo(new Outcome.Led(2));
    assertThat(replicas.get(3).view(now).role()).isEqualTo(Role.FOLLOWER);
    assertThat(place(3, IdempotencyKey.client("a"))).isEqualTo(new Outcome.NotLeader("not the leader"));

    Outcome old = ask(1, call -> new Input.Append(call, new Messages.Append(1, 3, 1, List.of(), 0, 0)));
    assertThat(old).isEqualTo(new Outcome.AppendAnswered(new Messages.Appended(false, 2, 0, 0)));
    assertThat(place(2, IdempotencyKey.client("a"))).isInstanceOf(Outcome.Placed.class);
  }

  @Test
  void aViewChangeIsRecordedWithEveryStepItTookOrSkipped() {
    now = 1_000;
    assertThat(ask(3, call -> new Input.Lead(call, 1))).isEqualTo(new Outcome.Led(1));

    List<ViewChangeRecord> led = replicas.get(3).viewChanges();
    assertThat(led).hasSize(1);
    assertThat(led.get(0).epoch()).isEqualTo(1);
    assertThat(led.get(0).leader()).isEqualTo(3);
    assertThat(led.get(0).started()).isEqualTo(1_000);
    assertThat(led.get(0).failure()).isNull();
    // Every log is empty: nothing to fetch or adopt.
    assertThat(led.get(0).steps()).extracting(ViewChangeRecord.Step::kind, ViewChangeRecord.Step::skipped)
        .containsExactly(tuple(Kind.NEW_EPOCH, false),
            tuple(Kind.JOINED, false),
            tuple(Kind.FETCHED, true),
            tuple(Kind.ADOPTED, true),
            tuple(Kind.MARKED, false),
            tuple(Kind.COMMITTED, false));
    assertThat(replicas.get(2).viewChanges()).isEmpty();

    ask(2, call -> new Input.Lead(call, 1));
    assertThat(replicas.get(2).viewChanges()).isEmpty(); // refused before it began: no view change
  }
}
