package toystore.gui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import toystore.config.Replication;
import toystore.gui.ServiceView.Agreement;
import toystore.gui.ServiceView.Health;
import toystore.gui.ServiceView.Kind;
import toystore.model.ClusterView;
import toystore.model.Partition;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceInfo;
import toystore.model.State;
import toystore.model.StoreStatus;

/**
 * One poll of the cluster: what the frontend ({@code /status}) and the agent ({@code /cluster},
 * {@code /partitions}) said, or why they could not answer. Each source is null when it failed (its
 * problem says why) or, for the agent, when the dashboard has none; {@code partitions} is empty when
 * the agent cannot make any (501 without root).
 */
record ClusterState(
    Instant at, StoreStatus status, String statusProblem, ClusterView cluster, String servicesProblem,
    List<Partition> partitions) {

  boolean frontendReachable() {
    return status != null;
  }

  /** The agent's services, null when the agent did not answer or the dashboard has none. */
  List<ServiceInfo> services() {
    return cluster == null ? null : cluster.services();
  }

  /** The engine, as the frontend says it, else the agent; empty while neither has answered. */
  Optional<Replication> replication() {
    if (status != null && status.replication() != null) {
      return Optional.of(status.replication());
    }
    return Optional.ofNullable(cluster == null ? null : cluster.replication());
  }

  /** Every service as one view: order replicas by id, then the catalog and every frontend. */
  List<ServiceView> views(String frontendUrl) {
    List<ServiceView> views = new ArrayList<>(replicaViews());
    views.add(catalogView());
    views.addAll(frontendViews(frontendUrl));
    return views;
  }

  /** The replica that leads, if any replica is known to lead and is not down. */
  Optional<ServiceView> leader() {
    return replicaViews().stream().filter(ServiceView::isLeader).findFirst();
  }

  List<ServiceView> replicaViews() {
    Map<Integer, ReplicaStatus> fromFrontend = status == null
        ? Map.of()
        : status.replicas().stream().collect(Collectors.toMap(ReplicaStatus::id, Function.identity(), (a, b) -> a));
    List<ServiceInfo> services = services();
    Map<Integer, ServiceInfo> fromAgent = services == null
        ? Map.of()
        : services.stream()
            .filter(s -> s.isOrderReplica() && s.id() != null)
            .collect(Collectors.toMap(ServiceInfo::id, Function.identity(), (a, b) -> a));
    TreeSet<Integer> ids = new TreeSet<>(fromFrontend.keySet());
    ids.addAll(fromAgent.keySet());

    ReplicaStatus reference = reference(fromFrontend);
    List<String> names = ids.stream().map(id -> name(id, fromAgent.get(id))).toList();
    List<ServiceView> views = new ArrayList<>();
    for (int id : ids) {
      ReplicaStatus replica = fromFrontend.get(id);
      ServiceInfo process = fromAgent.get(id);
      Health health = health(replica == null ? null : replica.state(), process);
      boolean live = health == Health.UP || health == Health.SYNCING;
      Role role = !live ? null : replica != null ? replica.role() : process.role();
      String digest = replica == null ? null : replica.digest();
      Agreement agreement = agreement(live, replica, reference);
      Long ordersApart = agreement == Agreement.UNKNOWN ? null : Math.abs(replica.lastOrder() - reference.lastOrder());
      views.add(new ServiceView(
          name(id, process),
          Kind.ORDER,
          id,
          replica != null ? replica.url() : process.url(),
          health,
          role,
          replica == null ? null : replica.lastOrder(),
          replica == null || !live ? null : replica.epoch(),
          digest,
          agreement,
          ordersApart,
          process == null ? null : process.pid(),
          process != null && process.paused(),
          isolated(name(id, process), names),
          process == null ? null : process.disk(),
          replica == null ? null : replica.fault()));
    }
    return views;
  }

  private static String name(int id, ServiceInfo process) {
    return process != null ? process.name() : ReplicaStatus.name(id);
  }

  private ServiceView catalogView() {
    ServiceInfo process = agentService("catalog");
    State state = status == null || status.catalog() == null ? null : status.catalog().state();
    String url = status != null && status.catalog() != null ? status.catalog().url()
        : process != null ? process.url() : null;
    return new ServiceView("catalog", Kind.CATALOG, null, url, health(state, process), null, null, null, null,
        Agreement.UNKNOWN, null, process == null ? null : process.pid(), process != null && process.paused(), false, null,
        null);
  }

  /**
   * Every frontend the agent runs (two with {@code --frontends 2}), else the one the dashboard polls.
   * The polled one is the agent's whose address is the dashboard's, else its first.
   */
  private List<ServiceView> frontendViews(String frontendUrl) {
    List<ServiceInfo> frontends = services() == null
        ? List.of()
        : services().stream().filter(s -> "frontend".equals(s.kind())).toList();
    ServiceInfo polled = frontends.stream().filter(f -> sameUrl(f.url(), frontendUrl)).findFirst()
        .orElse(frontends.isEmpty() ? null : frontends.get(0));
    if (polled == null) {
      return List.of(polledFrontend("frontend", frontendUrl, null));
    }
    return frontends.stream()
        .map(f -> f == polled ? polledFrontend(f.name(), frontendUrl, f) : otherFrontend(f))
        .toList();
  }

  private ServiceView polledFrontend(String name, String frontendUrl, ServiceInfo process) {
    // Not answering counts as down, whether or not its process still exists.
    Health health = status != null ? Health.UP : Health.DOWN;
    return new ServiceView(name, Kind.FRONTEND, null, frontendUrl, health, null, null, null, null,
        Agreement.UNKNOWN, null, process == null ? null : process.pid(), process != null && process.paused(), false, null,
        null);
  }

  /** A frontend the dashboard does not poll: its health is the agent's word on its process. */
  private static ServiceView otherFrontend(ServiceInfo process) {
    return new ServiceView(process.name(), Kind.FRONTEND, null, process.url(), health(null, process), null, null, null,
        null, Agreement.UNKNOWN, null, process.pid(), process.paused(), false, null, null);
  }

  private static boolean sameUrl(String a, String b) {
    return a != null && b != null && a.replaceAll("/+$", "").equals(b.replaceAll("/+$", ""));
  }

  /**
   * Whether a partition cuts replica {@code name} off: it is alone in a group, or the replicas it can
   * still reach (its own group's and those named in no group, which talk to everyone) are fewer than
   * a majority, so it can neither lead nor help a leader commit.
   */
  private boolean isolated(String name, List<String> replicas) {
    if (partitions == null) {
      return false;
    }
    for (Partition partition : partitions) {
      List<String> own = partition.groups().stream().filter(g -> g.contains(name)).findFirst().orElse(null);
      if (own == null) {
        continue;
      }
      long reachable = replicas.stream()
          .filter(r -> own.contains(r) || partition.groups().stream().noneMatch(g -> g.contains(r)))
          .count();
      if (own.size() == 1 || reachable <= replicas.size() / 2) {
        return true;
      }
    }
    return false;
  }

  /** The agent knows first when a process died; otherwise the frontend's view of the service counts. */
  private static Health health(State reportedState, ServiceInfo process) {
    if (process != null && !process.alive()) {
      return Health.DOWN;
    }
    Health reported = Health.of(reportedState);
    if (reported != Health.UNKNOWN) {
      return reported;
    }
    return process != null ? Health.UP : Health.UNKNOWN;
  }

  private ServiceInfo agentService(String kind) {
    if (services() == null) {
      return null;
    }
    return services().stream().filter(s -> kind.equals(s.kind())).findFirst().orElse(null);
  }

  private static Agreement agreement(boolean live, ReplicaStatus replica, ReplicaStatus reference) {
    if (!live || replica == null || replica.digest() == null || reference == null) {
      return Agreement.UNKNOWN;
    }
    if (replica.digest().equals(reference.digest())) {
      return Agreement.AGREES;
    }
    return replica.lastOrder() != reference.lastOrder() ? Agreement.IN_FLIGHT : Agreement.DIFFERS;
  }

  /** The leader when it is up and known, else a replica with the digest most live replicas share. */
  private ReplicaStatus reference(Map<Integer, ReplicaStatus> replicas) {
    if (status != null && status.leader() != null) {
      ReplicaStatus leader = replicas.get(status.leader());
      if (leader != null && leader.digest() != null && leader.state() == State.UP) {
        return leader;
      }
    }
    List<ReplicaStatus> live = replicas.values().stream()
        .filter(r -> r.digest() != null && r.state() != State.DOWN)
        .toList();
    Map<String, Long> counts = live.stream().collect(Collectors.groupingBy(ReplicaStatus::digest, Collectors.counting()));
    return live.stream()
        .max(Comparator.<ReplicaStatus>comparingLong(r -> counts.get(r.digest()))
            .thenComparingLong(ReplicaStatus::lastOrder)
            .thenComparing(ReplicaStatus::digest))
        .orElse(null);
  }
}
