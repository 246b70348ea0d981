package toystore.order.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import toystore.frontend.election.Coordinator;
import toystore.frontend.election.CoordinatorEffect;
import toystore.frontend.election.CoordinatorInput;
import toystore.frontend.election.CoordinatorTiming;
import toystore.frontend.election.Health;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.Call;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input;
import toystore.order.protocol.PeerRequest;
import toystore.order.protocol.Replica;
import toystore.order.protocol.ReplicaView;
import toystore.order.protocol.Restored;
import toystore.order.protocol.Timing;
import toystore.wire.catalog.Purchase;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * The protocol bugs the simulator found, each as a scripted scenario that failed before its fix (a
 * seed would stop reproducing it as soon as the simulator draws its randomness differently). A bug
 * the simulator finds next gets its test here, with the seed that found it.
 */
class SimulatorFindingsTest {
  private static final Timing TIMING = Timing.standard();

  private static List<Integer> peersOf(int id) {
    return List.of(1, 2, 3).stream().filter(p -> p != id).toList();
  }

  /** Feeds inputs to one core and writes every Persist at once, as a disk that always works. */
  private static final class Script {
    final Replica replica;
    final List<Effect> effects = new ArrayList<>();
    long now;

    Script(int id) {
      this(id, Restored.empty());
    }

    Script(int id, Restored disk) {
      replica = new Replica(id, peersOf(id), disk, TIMING, 0);
    }

    void feed(Input input) {
      List<Input> inputs = new ArrayList<>(List.of(input));
      while (!inputs.isEmpty()) {
        for (Effect e : replica.handle(inputs.remove(0), now)) {
          effects.add(e);
          if (e instanceof Effect.Persist p) {
            inputs.add(new Input.Persisted(p.writeId()));
          }
        }
      }
    }

    final Set<Long> acked = new HashSet<>();

    /** Answers every append sent to {@code peer} so far: written, as a follower that keeps up. */
    void ackAppends(int peer) {
      boolean more = true;
      while (more) {
        more = false;
        for (Effect e : List.copyOf(effects)) {
          if (e instanceof Effect.Send s && s.to() == peer && s.request() instanceof PeerRequest.Append a
              && acked.add(s.sendId())) {
            Messages.Append m = a.append();
            feed(new Input.Answered(peer, s.sendId(), new Input.AppendReply(
                new Messages.Appended(true, m.epoch(), m.from() + m.entries().size() - 1, 0))));
            more = true;
          }
        }
      }
    }

    <T extends Effect> T last(Class<T> type) {
      for (int i = effects.size() - 1; i >= 0; i--) {
        if (type.isInstance(effects.get(i))) {
          return type.cast(effects.get(i));
        }
      }
      throw new AssertionError("no " + type.getSimpleName() + " in " + effects);
    }

    long replies(long call) {
      return effects.stream().filter(e -> e instanceof Effect.Reply r && r.call().id() == call).count();
    }

    /** Leads epoch 1 with replica 2 joined (an empty log: nothing to adopt). */
    void leadWithPeer2() {
      feed(new Input.Lead(new Call(1), 1));
      long join = effects.stream().filter(e -> e instanceof Effect.Send s && s.to() == 2)
          .mapToLong(e -> ((Effect.Send) e).sendId()).findFirst().orElseThrow();
      feed(new Input.Answered(2, join, new Input.JoinAccepted(new Messages.Joined(0, 0, 0))));
      assertThat(replies(1)).isEqualTo(1);
    }
  }

  @Test
  void aPurchaseRefusedDeposedIsAnsweredOnce() {
    Script leader = new Script(1);
    leader.leadWithPeer2();
    Messages.PlaceOrder order = new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("once"));
    leader.feed(new Input.Place(new Call(2), order));
    leader.feed(new Input.BuyFailed(new Purchase("Tux", 1, IdempotencyKey.client("once"), 1), Input.CatalogFailure.DEPOSED, 421,
        "stale epoch: a newer order leader exists"));
    assertThat(leader.replies(2)).as("replies to the order's call").isEqualTo(1);
  }

  /** Fixed: a settlement gives back only purchases made before the cut-off of the listing it was built from. */
  @Test
  void aLateCopyOfASettlementLeavesARetriedPurchaseAlone() {
    Scheduler clock = new Scheduler(1);
    CatalogModel catalog = new CatalogModel(clock, TIMING.orphanAge().toMillis(), Map.of("Tux", 10), "Tux");
    Script leader = new Script(1);
    leader.leadWithPeer2();
    leader.ackAppends(2);
    Messages.PlaceOrder order = new Messages.PlaceOrder("Tux", 1, IdempotencyKey.client("late"));
    leader.feed(new Input.Place(new Call(2), order));
    Purchase first = leader.last(Effect.Buy.class).purchase();
    catalog.buy(first);
    // Bought, but the reply was lost; the client gives up, the purchase ages into an orphan.
    leader.feed(new Input.BuyFailed(first, Input.CatalogFailure.NO_REPLY, 0, "no reply"));
    leader.now = TIMING.orphanAge().toNanos() + TIMING.reconcileEvery().toNanos() + 1;
    clock.runUntil(leader.now);
    leader.ackAppends(2);
    leader.feed(new Input.Tick());
    leader.feed(catalog.unsettled());
    Effect.Settle settle = leader.last(Effect.Settle.class);
    assertThat(settle.settlement().orphaned()).containsExactly(IdempotencyKey.client("late"));
    catalog.settle(settle.settlement());
    leader.feed(new Input.SettleFailed(settle.settlement(), Input.CatalogFailure.NO_REPLY));
    leader.now += TIMING.reconcileEvery().toNanos() + 1;
    clock.runUntil(leader.now);
    leader.ackAppends(2);
    leader.feed(new Input.Tick());
    Effect.Settle resent = leader.last(Effect.Settle.class);
    assertThat(resent.settlement()).as("the resend, with its listing's cut-off").isEqualTo(settle.settlement());
    leader.feed(catalog.settle(resent.settlement()));
    // The client retries its key: bought afresh (the old purchase was given back, its key forgotten).
    leader.now += Duration.ofMillis(1).toNanos();
    clock.runUntil(leader.now);
    leader.feed(new Input.Place(new Call(3), order));
    Purchase second = leader.last(Effect.Buy.class).purchase();
    Input bought = catalog.buy(second);
    // A copy of the resent settlement, held up in the network, arrives now: the new purchase is
    // younger than its cut-off, so it stays.
    catalog.settle(resent.settlement());
    leader.feed(bought);
    leader.ackAppends(2);
    assertThat(leader.replies(3)).as("the retry is acknowledged").isEqualTo(1);
    assertThat(catalog.purchases()).as("the committed order's purchase").containsKey("client:late");
    assertThat(catalog.sold("Tux")).as("the one committed order's stock").isEqualTo(1);
  }

  @Test
  void replicasWhoseDisksFailedOnceCanBeElectedAgain() {
    List<Health> healths = new ArrayList<>();
    long healed = Duration.ofSeconds(2).toNanos();
    for (int id = 1; id <= 3; id++) {
      Replica replica = new Replica(id, peersOf(id), Restored.empty(), TIMING, 0);
      // A frontend asked each to lead while its disk was full: the epoch could not be written.
      for (Effect e : replica.handle(new Input.Lead(new Call(id), id), 0)) {
        if (e instanceof Effect.Persist p) {
          replica.handle(new Input.PersistFailed(p.writeId(), "disk full"), 0);
        }
      }
      assertThat(replica.view(0).fault()).isNotNull();
      // The disk works again; nothing asks this replica to write, but it tries a write of its own.
      for (Effect e : replica.handle(new Input.Tick(), healed)) {
        if (e instanceof Effect.Persist p) {
          replica.handle(new Input.Persisted(p.writeId()), healed);
        }
      }
      ReplicaView v = replica.view(healed);
      healths.add(new Health(id, v.role(), v.aligned(), v.epoch(), v.quorum(), v.fault() != null));
    }
    Coordinator coordinator = new Coordinator(List.of(1, 2, 3), 3, CoordinatorTiming.standard(), 0);
    boolean asked = false;
    for (long now = 0; now < Duration.ofSeconds(10).toNanos() && !asked; now += Duration.ofMillis(100).toNanos()) {
      List<CoordinatorInput> inputs = new ArrayList<>(List.of(new CoordinatorInput.Tick()));
      while (!inputs.isEmpty()) {
        for (CoordinatorEffect e : coordinator.handle(inputs.remove(0), now)) {
          if (e instanceof CoordinatorEffect.Probe p) {
            inputs.add(new CoordinatorInput.Probed(p.roundId(), healths));
          } else if (e instanceof CoordinatorEffect.RecordEpoch r) {
            inputs.add(new CoordinatorInput.Recorded(r.recordId()));
          } else if (e instanceof CoordinatorEffect.AskToLead) {
            asked = true;
          }
        }
      }
    }
    assertThat(asked).as("some replica is asked to lead (its write would show the disk works again)").isTrue();
  }

  /** Found in seed 20788075215: a follower restarted in its epoch swapped away an acknowledged entry. */
  @Test
  void aFollowerRestartedInItsEpochKeepsWhatItAcknowledged() {
    List<Entry> held = List.of(entry(1), entry(2), entry(3));
    // Follower 1 of leader 2 in epoch 1 acknowledged orders 1..3; its lazily written commit number is 1.
    Script follower = new Script(1, new Restored(1, 1, 1, held));
    follower.feed(new Input.Append(new Call(1), new Messages.Append(1, 2, 2, List.of(entry(2)), 2, 0)));
    assertThat(follower.replica.view(0).lastNumber()).as("orders it holds after the leader's first append")
        .isEqualTo(3);
    assertThat(follower.replica.entry(3)).isEqualTo(held.get(2));
  }

  private static Entry entry(long number) {
    return new Entry(number, "Tux", 1, IdempotencyKey.client("k" + number), 1);
  }
}
