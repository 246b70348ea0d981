package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.config.Replication;
import toystore.gui.ServiceView.Agreement;
import toystore.gui.ServiceView.Health;
import toystore.model.CacheStatus;
import toystore.model.ClusterView;
import toystore.model.DiskState;
import toystore.model.Partition;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceInfo;
import toystore.model.ServiceStatus;
import toystore.model.State;
import toystore.model.StoreStatus;

class ClusterStateTest {
  private static final String FRONTEND = "http://127.0.0.1:22001";
  private static final CacheStatus CACHE = new CacheStatus(true, 5, 0, List.of(), 0, 0, 0, 0);

  @Test
  void mergesTheFrontendAndTheAgentIntoOneCardPerService() {
    ClusterState state = state(
        status(3, replica(1, State.UP, Role.FOLLOWER, "d1"), replica(2, State.UP, Role.FOLLOWER, "d1"), replica(3, State.UP, Role.LEADER, "d1")),
        List.of(process("order-1", 1, true), process("order-2", 2, true), process("order-3", 3, true),
            new ServiceInfo("catalog", "catalog", null, "http://127.0.0.1:22002", 11L, true, false, null, null),
            new ServiceInfo("frontend", "frontend", null, FRONTEND, 12L, true, false, null, null)));

    List<ServiceView> views = state.views(FRONTEND);

    assertThat(views).extracting(ServiceView::name).containsExactly("order-1", "order-2", "order-3", "catalog", "frontend");
    assertThat(views).extracting(ServiceView::health).containsOnly(Health.UP);
    assertThat(state.leader()).map(ServiceView::name).contains("order-3");
    assertThat(views.subList(0, 3)).extracting(ServiceView::agreement).containsOnly(Agreement.AGREES);
  }

  @Test
  void theAgentSeesADeadLeaderBeforeTheFrontendDoes() {
    ClusterState state = state(
        status(3, replica(1, State.UP, Role.FOLLOWER, "d1"), replica(2, State.UP, Role.FOLLOWER, "d1"), replica(3, State.UP, Role.LEADER, "d1")),
        List.of(process("order-1", 1, true), process("order-2", 2, true), process("order-3", 3, false)));

    ServiceView three = state.replicaViews().get(2);

    assertThat(three.health()).isEqualTo(Health.DOWN);
    assertThat(three.isLeader()).isFalse();
    assertThat(state.leader()).isEmpty();
  }

  @Test
  void replicasWithAnotherNumberOfOrdersAreNotComparedYet() {
    ClusterState state = state(
        status(2, replica(1, State.UP, Role.FOLLOWER, "d412", 412), replica(2, State.UP, Role.LEADER, "d413", 413),
            replica(3, State.UP, Role.FOLLOWER, "d415", 415)),
        null);

    assertThat(state.replicaViews()).extracting(ServiceView::agreement, ServiceView::ordersApart).containsExactly(
        tuple(Agreement.IN_FLIGHT, 1L), tuple(Agreement.AGREES, 0L), tuple(Agreement.IN_FLIGHT, 2L));
  }

  @Test
  void aReplicaWithAsManyOrdersButAnotherDigestHasDiverged() {
    ClusterState state = state(
        status(2, replica(1, State.SYNCING, Role.FOLLOWER, "old"), replica(2, State.UP, Role.LEADER, "new"), replica(3, State.DOWN, null, null)),
        null);

    List<ServiceView> replicas = state.replicaViews();

    assertThat(replicas).extracting(ServiceView::agreement)
        .containsExactly(Agreement.DIFFERS, Agreement.AGREES, Agreement.UNKNOWN);
    assertThat(replicas).extracting(ServiceView::health)
        .containsExactly(Health.SYNCING, Health.UP, Health.DOWN);
  }

  @Test
  void withoutALeaderTheMostCommonDigestIsTheReference() {
    ClusterState state = state(
        status(null, replica(1, State.UP, null, "a"), replica(2, State.UP, null, "b"), replica(3, State.UP, null, "b")), null);

    assertThat(state.replicaViews()).extracting(ServiceView::agreement)
        .containsExactly(Agreement.DIFFERS, Agreement.AGREES, Agreement.AGREES);
  }

  @Test
  void twoFrontendsAreTwoCardsAndTheEngineTermAndDiskFaultComeFromTheSources() {
    StoreStatus status = new StoreStatus(2, List.of(
        new ReplicaStatus(1, "order-1", "http://127.0.0.1:22003", true, State.UP, Role.FOLLOWER, 7L, "d", 4L,
            "disk full"),
        new ReplicaStatus(2, "order-2", "http://127.0.0.1:22004", true, State.UP, Role.LEADER, 7L, "d", 4L, null),
        new ReplicaStatus(3, "order-3", "http://127.0.0.1:22005", false, State.DOWN, null, 5L, null)),
        new ServiceStatus("http://127.0.0.1:22002", State.UP), CACHE, Replication.RAFT, "Raft's");
    List<ServiceInfo> services = List.of(
        process("order-1", 1, true), process("order-2", 2, true), process("order-3", 3, false),
        new ServiceInfo("frontend", "frontend", null, FRONTEND, 200L, true, false, null, null),
        new ServiceInfo("frontend-2", "frontend", null, "http://127.0.0.1:22006", null, false, false, null, null));
    ClusterState state = new ClusterState(Instant.now(), status, null, new ClusterView(services, Replication.RAFT), null,
        List.of());

    assertThat(state.replication()).contains(Replication.RAFT);
    assertThat(state.views(FRONTEND)).extracting(ServiceView::name, ServiceView::health, ServiceView::epoch,
            ServiceView::fault)
        .containsExactly(
            tuple("order-1", Health.UP, 4L, "disk full"),
            tuple("order-2", Health.UP, 4L, null),
            tuple("order-3", Health.DOWN, null, null),
            tuple("catalog", Health.UP, null, null),
            tuple("frontend", Health.UP, null, null),
            tuple("frontend-2", Health.DOWN, null, null));
    // Before the frontend answers, the agent's word on the engine counts.
    assertThat(new ClusterState(Instant.now(), null, "down", new ClusterView(services, Replication.RAFT), null, null)
        .replication()).contains(Replication.RAFT);
    assertThat(new ClusterState(Instant.now(), null, "down", null, null, null).replication()).isEmpty();
  }

  @Test
  void anUnreachableFrontendIsDownAndTheAgentStillShowsTheReplicas() {
    ClusterState state = new ClusterState(Instant.now(), null, "frontend: not reachable", new ClusterView(List.of(
        process("order-1", 1, true), process("order-2", 2, false)), Replication.LAB), null, null);

    List<ServiceView> views = state.views(FRONTEND);

    assertThat(views).extracting(ServiceView::name, ServiceView::health).containsExactly(
        tuple("order-1", Health.UP),
        tuple("order-2", Health.DOWN),
        tuple("catalog", Health.UNKNOWN),
        tuple("frontend", Health.DOWN));
  }

  @Test
  void aPausedServiceIsMarkedFromTheAgentsView() {
    ClusterState state = state(
        status(3, replica(1, State.UP, Role.FOLLOWER, "d1"), replica(2, State.DOWN, null, null), replica(3, State.UP, Role.LEADER, "d1")),
        List.of(process("order-1", 1, true), paused(process("order-2", 2, true)), process("order-3", 3, true),
            paused(new ServiceInfo("catalog", "catalog", null, "http://127.0.0.1:22002", 11L, true, false, null, null))));

    assertThat(state.views(FRONTEND)).extracting(ServiceView::name, ServiceView::paused).containsExactly(
        tuple("order-1", false), tuple("order-2", true), tuple("order-3", false), tuple("catalog", true),
        tuple("frontend", false));
  }

  @Test
  void aReplicaAloneInAGroupOrCutOffFromAMajorityIsIsolated() {
    StoreStatus status = status(3, replica(1, State.UP, Role.FOLLOWER, "d1"), replica(2, State.UP, Role.FOLLOWER, "d1"),
        replica(3, State.UP, Role.LEADER, "d1"));
    List<ServiceInfo> processes = List.of(process("order-1", 1, true), process("order-2", 2, true), process("order-3", 3, true));

    assertThat(isolated(status, processes, List.of(
        new Partition("p1", List.of(List.of("order-3"), List.of("order-1", "order-2", "catalog", "frontend"))))))
        .containsExactly(false, false, true);
    // The frontend cut off from the leader only: the leader is alone in its group.
    assertThat(isolated(status, processes, List.of(new Partition("p2", List.of(List.of("frontend"), List.of("order-3"))))))
        .containsExactly(false, false, true);
    // Not alone, but the only replica on its side: it reaches no majority.
    assertThat(isolated(status, processes, List.of(
        new Partition("p3", List.of(List.of("order-1", "order-2"), List.of("order-3", "catalog", "frontend"))))))
        .containsExactly(false, false, true);
    assertThat(isolated(status, processes, List.of())).containsExactly(false, false, false);
    assertThat(isolated(status, processes, null)).containsExactly(false, false, false);
  }

  private static List<Boolean> isolated(StoreStatus status, List<ServiceInfo> processes, List<Partition> partitions) {
    return new ClusterState(Instant.now(), status, null, new ClusterView(processes, Replication.LAB), null, partitions)
        .replicaViews().stream()
        .map(ServiceView::isolated)
        .toList();
  }

  private static ClusterState state(StoreStatus status, List<ServiceInfo> services) {
    return new ClusterState(Instant.now(), status, null, services == null ? null : new ClusterView(services, Replication.LAB),
        null, List.of());
  }

  private static ServiceInfo paused(ServiceInfo s) {
    return new ServiceInfo(s.name(), s.kind(), s.id(), s.url(), s.pid(), s.alive(), true, s.role(), s.disk());
  }

  private static StoreStatus status(Integer leader, ReplicaStatus... replicas) {
    return new StoreStatus(leader, List.of(replicas), new ServiceStatus("http://127.0.0.1:22002", State.UP), CACHE,
        Replication.LAB, "the frontend's");
  }

  private static ReplicaStatus replica(int id, State state, Role role, String digest) {
    return replica(id, state, role, digest, 7);
  }

  private static ReplicaStatus replica(int id, State state, Role role, String digest, long lastOrder) {
    return new ReplicaStatus(id, "order-" + id, "http://127.0.0.1:2200" + (2 + id), state != State.DOWN, state, role, lastOrder, digest);
  }

  private static ServiceInfo process(String name, int id, boolean alive) {
    return new ServiceInfo(name, "order", id, "http://127.0.0.1:2200" + (2 + id), alive ? 100L + id : null, alive,
        false, alive ? Role.FOLLOWER : null, DiskState.FREE);
  }
}
