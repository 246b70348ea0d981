package toystore.order;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import toystore.model.Role;
import toystore.order.protocol.ReplicaView;

/** A replica's state at each scrape: role, epoch, log positions, lag, quorum and disk fault. */
final class ReplicaGauges {
  private static final String NO_ROLE = "none";

  private ReplicaGauges() {}

  static void register(PrometheusRegistry registry, Supplier<ReplicaView> figures) {
    GaugeWithCallback.builder()
        .name("toystore_replica_role")
        .help("1 for the role the replica has now (leader, follower or none), 0 for the others")
        .labelNames("role")
        .callback(callback -> {
          Role now = figures.get().role();
          for (Role role : Role.values()) {
            callback.call(role == now ? 1 : 0, role.name().toLowerCase(Locale.ROOT));
          }
          callback.call(now == null ? 1 : 0, NO_ROLE);
        })
        .register(registry);
    gauge(registry, "toystore_replica_epoch", "The newest epoch the replica has promised to follow or lead",
        figures, ReplicaView::epoch);
    gauge(registry, "toystore_replica_commit_number", "The highest order number the replica knows committed",
        figures, ReplicaView::commitNumber);
    gauge(registry, "toystore_replica_last_number", "The highest order number in the replica's log, committed or not",
        figures, ReplicaView::lastNumber);
    gauge(registry, "toystore_replica_quorum",
        "1 when a leader heard from a majority, or a follower from its leader, just now; else 0",
        figures, f -> f.quorum() ? 1 : 0);
    gauge(registry, "toystore_replica_disk_fault",
        "1 while the replica's last write to its database failed (disk full, I/O error), else 0",
        figures, f -> f.fault() != null ? 1 : 0);
    GaugeWithCallback.builder()
        .name("toystore_replica_lag_orders")
        .help("A follower's distance behind the commit number its leader last sent; absent when not known")
        .callback(callback -> {
          Long lag = figures.get().ownLag();
          if (lag != null) {
            callback.call(lag);
          }
        })
        .register(registry);
    GaugeWithCallback.builder()
        .name("toystore_replica_follower_lag_orders")
        .help("On the leader: orders in its log that each follower has not acknowledged yet")
        .labelNames("follower")
        .callback(callback -> {
          for (Map.Entry<Integer, Long> lag : figures.get().followerLag().entrySet()) {
            callback.call(lag.getValue(), Integer.toString(lag.getKey()));
          }
        })
        .register(registry);
  }

  private static void gauge(PrometheusRegistry registry, String name, String help, Supplier<ReplicaView> figures,
                            ToDoubleFunction<ReplicaView> figure) {
    GaugeWithCallback.builder().name(name).help(help)
        .callback(callback -> callback.call(figure.applyAsDouble(figures.get())))
        .register(registry);
  }
}
