package toystore.order.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import toystore.catalog.Purchase;
import toystore.frontend.election.Coordinator;
import toystore.frontend.election.CoordinatorEffect;
import toystore.frontend.election.CoordinatorInput;
import toystore.frontend.election.CoordinatorTiming;
import toystore.frontend.election.Health;
import toystore.order.Messages;
import toystore.order.protocol.Call;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input;
import toystore.order.protocol.Replica;
import toystore.order.protocol.ReplicaView;
import toystore.order.protocol.Restored;
import toystore.order.protocol.Timing;

/**
 * The protocol bugs the simulator found, each as a scripted scenario (a seed would stop
 * reproducing it as soon as the simulator draws its randomness differently). Disabled while the
 * bug stands (see {@link KnownIssue}); enable it with the fix and remove the constant.
 */
class KnownIssueRegressionTest {
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
      replica = new Replica(id, peersOf(id), Restored.empty(), TIMING, 0);
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
  @Disabled("core bug: a purchase refused DEPOSED is answered twice (stepDown answers the waiters, then the failed attempt does)")
  void aPurchaseRefusedDeposedIsAnsweredOnce() {
    Script leader = new Script(1);
    leader.leadWithPeer2();
    Messages.PlaceOrder order = new Messages.PlaceOrder("Tux", 1, "client:once");
    leader.feed(new Input.Place(new Call(2), order));
    leader.feed(new Input.BuyFailed(new Purchase("Tux", 1, "client:once", 1), Input.CatalogFailure.DEPOSED, 421,
        "stale epoch: a newer order leader exists"));
    assertThat(leader.replies(2)).as("replies to the order's call").isEqualTo(1);
  }

  @Test
  @Disabled("core bug: once every replica saw a write fail, no leader is ever selected again, though the disks work")
  void replicasWhoseDisksFailedOnceCanBeElectedAgain() {
    List<Health> healths = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      Replica replica = new Replica(id, peersOf(id), Restored.empty(), TIMING, 0);
      // A frontend asked each to lead while its disk was full: the epoch could not be written.
      for (Effect e : replica.handle(new Input.Lead(new Call(id), id), 0)) {
        if (e instanceof Effect.Persist p) {
          replica.handle(new Input.PersistFailed(p.writeId(), "disk full"), 0);
        }
      }
      // The disk works again; nothing asks this replica to write until it is asked to lead or join.
      ReplicaView v = replica.view(Duration.ofSeconds(1).toNanos());
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
}
