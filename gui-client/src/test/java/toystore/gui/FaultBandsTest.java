package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.config.Replication;
import toystore.gui.FaultBand.Kind;
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

class FaultBandsTest {
  private static final String FRONTEND = "http://127.0.0.1:22001";
  private static final CacheStatus CACHE = new CacheStatus(true, 5, 0, List.of(), 0, 0, 0, 0);
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  private final FaultBands bands = new FaultBands(FRONTEND);

  @Test
  void aKilledReplicaIsOneBandFromItsDeathToItsRestart() {
    bands.accept(healthy(0));
    bands.accept(state(1, status(State.UP, State.DOWN), agent(false, false), List.of()));
    bands.accept(state(2, status(State.UP, State.DOWN), agent(false, false), List.of()));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind, FaultBand::start, FaultBand::end)
        .containsExactly(tuple("order-2", Kind.KILL, at(1), null));

    bands.accept(healthy(3));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind, FaultBand::start, FaultBand::end)
        .containsExactly(tuple("order-2", Kind.KILL, at(1), at(3)));
    assertThat(bands.bands().get(0).label()).isEqualTo("order-2 killed");
  }

  @Test
  void aPausedReplicaThatTheFrontendCannotReachIsAPauseNotAKill() {
    bands.accept(state(1, status(State.UP, State.DOWN), agent(true, true), List.of()));
    bands.accept(healthy(2));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind, FaultBand::end)
        .containsExactly(tuple("order-2", Kind.PAUSE, at(2)));
  }

  @Test
  void aCutOffReplicaIsAPartitionUntilTheHeal() {
    List<Partition> cut = List.of(new Partition("p1", List.of(List.of("order-2"), List.of("order-1", "order-3", "frontend"))));
    bands.accept(state(1, status(State.UP, State.DOWN), agent(true, false), cut));
    bands.accept(state(2, status(State.UP, State.UP), agent(true, false), cut));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind, FaultBand::end)
        .containsExactly(tuple("order-2", Kind.PARTITION, null));

    bands.accept(healthy(3));

    assertThat(bands.bands()).extracting(FaultBand::kind, FaultBand::end).containsExactly(tuple(Kind.PARTITION, at(3)));
  }

  @Test
  void aPollThatNobodyAnsweredHealsNothing() {
    bands.accept(state(1, status(State.UP, State.DOWN), agent(false, false), List.of()));
    bands.accept(new ClusterState(at(2), null, "frontend: timeout", null, "agent: timeout", null));

    assertThat(bands.bands()).extracting(FaultBand::end).containsExactly((Instant) null);
  }

  @Test
  void aFaultThatComesBackIsASecondBand() {
    bands.accept(state(1, status(State.UP, State.DOWN), agent(false, false), List.of()));
    bands.accept(healthy(2));
    bands.accept(state(3, status(State.UP, State.DOWN), agent(false, false), List.of()));

    assertThat(bands.bands()).extracting(FaultBand::start, FaultBand::end)
        .containsExactly(tuple(at(1), at(2)), tuple(at(3), null));
  }

  @Test
  void aDeadFrontendIsAKillOfTheFrontend() {
    bands.accept(new ClusterState(at(1), null, "frontend: refused", new ClusterView(List.of(
        replicaProcess(1, true, false), replicaProcess(2, true, false),
        process("frontend", "frontend", null, FRONTEND, false, false)), Replication.LAB),
        null, List.of()));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind).containsExactly(tuple("frontend", Kind.KILL));
  }

  @Test
  void aDiskFaultLastsWhileTheReplicaSaysSoAndOutlivesPollsWithoutItsWord() {
    bands.accept(state(1, withDiskFault("SQLITE_FULL"), agent(true, false), List.of()));
    // The frontend down: nobody knows about the disk, so the band stays open.
    bands.accept(new ClusterState(at(2), null, "frontend: refused", new ClusterView(agent(true, false), Replication.LAB),
        null, List.of()));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind, FaultBand::end)
        .containsExactly(tuple("order-2", Kind.DISK, null));
    assertThat(bands.bands().get(0).label()).isEqualTo("order-2 disk fault");

    bands.accept(healthy(3));

    assertThat(bands.bands()).extracting(FaultBand::kind, FaultBand::end).containsExactly(tuple(Kind.DISK, at(3)));
  }

  @Test
  void closedBandsAreCapped() {
    for (int i = 0; i < FaultBands.CAPACITY + 10; i++) {
      bands.accept(state(2 * i, status(State.UP, State.DOWN), agent(false, false), List.of()));
      bands.accept(healthy(2 * i + 1));
    }

    assertThat(bands.bands()).hasSize(FaultBands.CAPACITY);
    assertThat(bands.bands().get(0).start()).isEqualTo(at(20));
  }

  @Test
  void aDiskTheAgentFilledIsADiskBandUntilItIsFreed() {
    List<ServiceInfo> full = agent(true, false).stream()
        .map(s -> s.name().equals("order-2") ? new ServiceInfo(s.name(), s.kind(), s.id(), s.url(), s.pid(), s.alive(),
            s.paused(), s.role(), DiskState.FULL) : s)
        .toList();
    bands.accept(state(1, status(State.UP, State.UP), full, List.of()));
    bands.accept(healthy(2));

    assertThat(bands.bands()).extracting(FaultBand::service, FaultBand::kind, FaultBand::start, FaultBand::end)
        .containsExactly(tuple("order-2", Kind.DISK, at(1), at(2)));
  }

  private static ClusterState healthy(int second) {
    return state(second, status(State.UP, State.UP), agent(true, false), List.of());
  }

  private static ClusterState state(int second, StoreStatus status, List<ServiceInfo> services, List<Partition> partitions) {
    return new ClusterState(at(second), status, null, new ClusterView(services, Replication.LAB), null, partitions);
  }

  private static Instant at(int second) {
    return T0.plusSeconds(second);
  }

  private static StoreStatus status(State one, State two) {
    return new StoreStatus(1, List.of(replica(1, one, Role.LEADER), replica(2, two, Role.FOLLOWER), replica(3, State.UP, Role.FOLLOWER)),
        new ServiceStatus("http://127.0.0.1:22002", State.UP), CACHE, Replication.LAB, "the frontend's");
  }

  private static StoreStatus withDiskFault(String fault) {
    ReplicaStatus faulty = new ReplicaStatus(2, "order-2", "http://127.0.0.1:22004", true, State.UP, Role.FOLLOWER, 7L,
        "d", 2L, fault);
    return new StoreStatus(1, List.of(replica(1, State.UP, Role.LEADER), faulty, replica(3, State.UP, Role.FOLLOWER)),
        new ServiceStatus("http://127.0.0.1:22002", State.UP), CACHE, Replication.LAB, "the frontend's");
  }

  private static ReplicaStatus replica(int id, State state, Role role) {
    return new ReplicaStatus(id, "order-" + id, "http://127.0.0.1:2200" + (2 + id), state != State.DOWN, state,
        state == State.DOWN ? null : role, 7L, "d");
  }

  /** order-1, order-3, the catalog and the frontend alive; order-2 alive or not, paused or not. */
  private static List<ServiceInfo> agent(boolean twoAlive, boolean twoPaused) {
    return List.of(replicaProcess(1, true, false), replicaProcess(2, twoAlive, twoPaused), replicaProcess(3, true, false),
        process("catalog", "catalog", null, "http://127.0.0.1:22002", true, false),
        process("frontend", "frontend", null, FRONTEND, true, false));
  }

  private static ServiceInfo replicaProcess(int id, boolean alive, boolean paused) {
    return process("order-" + id, "order", id, "http://127.0.0.1:2200" + (2 + id), alive, paused);
  }

  /** The agent's word on one process: a pid while it runs; a live replica follows. */
  private static ServiceInfo process(String name, String kind, Integer id, String url, boolean alive, boolean paused) {
    return new ServiceInfo(name, kind, id, url, alive ? 100L + name.length() : null, alive, paused,
        alive && id != null ? Role.FOLLOWER : null, null);
  }
}
