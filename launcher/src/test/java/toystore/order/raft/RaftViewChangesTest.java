package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ReplicaClient;
import toystore.config.Replication;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.model.State;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;
import toystore.supervisor.Supervisor;
import toystore.wire.order.ViewChangeReport;
import toystore.wire.order.ViewChangeReport.Kind;

/**
 * A raft store reports the terms its replicas were elected to lead as view changes (docs/API.md §4,
 * docs/DESIGN.md "Raft engine"): the first leader its term, and after a kill -9 of the leader the
 * new one the new term — elected, first commit, taken over, in that order — read through the agent
 * as the dashboard reads it, and the same from the replica's own {@code /internal/view-changes}.
 */
class RaftViewChangesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final ClusterTestSupport cluster =
      ClusterTestSupport.withReplicas(3).replication(Replication.RAFT);

  @Test
  void afterTheLeaderIsKilledTheNewLeaderReportsItsTermWithItsElectionFirstCommitAndTakeOver() throws Exception {
    ReplicaHealth first = cluster.awaitLeader();
    cluster.store().order("Whale", 1, "before-the-kill");
    ViewChangeReport firstTerm = awaitReported(first);

    cluster.supervisor().kill("order-" + first.id());
    long killedAtMillis = System.currentTimeMillis();
    ReplicaHealth next = awaitLeaderAfter(first);
    cluster.store().order("Whale", 1, "after-the-kill");
    ViewChangeReport term = awaitReported(next);
    System.out.println("raft view change after the kill of order-" + first.id() + ": " + term);

    assertThat(term.startedAtMillis()).isGreaterThanOrEqualTo(firstTerm.startedAtMillis());
    if (next.epoch() == first.epoch() + 1) {
      // No leader between the two: the last it heard from one was the killed leader, before the kill.
      assertThat(term.startedAtMillis()).isLessThanOrEqualTo(killedAtMillis);
    }
    List<ViewChangeReport> own = replica(next).viewChanges();
    assertThat(own).isEqualTo(cluster.agent().viewChanges("order-" + next.id()));
    assertThat(own).extracting(ViewChangeReport::epoch).isSorted().doesNotContain(first.epoch());
  }

  /** The leader's report of its term, once there: led by it, not failed, the Raft engine's three steps. */
  private static ViewChangeReport awaitReported(ReplicaHealth leader) {
    String name = "order-" + leader.id();
    Deadline.await(WAIT, name + " reporting term " + leader.epoch(), () -> reportOf(name, leader.epoch()).isPresent());
    ViewChangeReport term = reportOf(name, leader.epoch()).orElseThrow();
    assertThat(term.leader()).isEqualTo(leader.id());
    assertThat(term.failure()).isNull();
    assertThat(term.steps()).extracting(ViewChangeReport.Step::kind)
        .containsExactly(Kind.ELECTED, Kind.COMMITTED, Kind.TAKEN_OVER);
    assertThat(term.steps()).allSatisfy(step -> {
      assertThat(step.tookMillis()).isNotNegative();
      assertThat(step.skipped()).isFalse();
    });
    return term;
  }

  private static Optional<ViewChangeReport> reportOf(String name, long epoch) {
    try {
      return cluster.agent().viewChanges(name).stream().filter(vc -> vc.epoch() == epoch).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Waits for a leader of a later term than {@code old}'s that takes orders. */
  private static ReplicaHealth awaitLeaderAfter(ReplicaHealth old) {
    Deadline.await(WAIT, "a leader after order-" + old.id(), () -> newLeader(old).isPresent());
    return newLeader(old).orElseThrow();
  }

  private static Optional<ReplicaHealth> newLeader(ReplicaHealth old) {
    return cluster.supervisor().replicas().stream().map(Supervisor.ReplicaState::health)
        .filter(h -> h != null && h.role() == Role.LEADER && h.state() == State.UP && h.epoch() > old.epoch())
        .findFirst();
  }

  private static ReplicaClient replica(ReplicaHealth health) {
    return new ReplicaClient(cluster.http(), cluster.supervisor().runningReplica("order-" + health.id()).orElseThrow(),
        cluster.config().clusterSecret());
  }
}
