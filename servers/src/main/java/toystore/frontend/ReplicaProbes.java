package toystore.frontend;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.frontend.election.Health;
import toystore.model.ReplicaHealth;
import toystore.model.ReplicaStatus;
import toystore.model.State;

/**
 * The replicas' health checks, made in parallel with a short timeout. Each replica's last answer
 * (or silence) is kept, so that {@code /status} is live and reads can go to any live replica.
 */
final class ReplicaProbes implements AutoCloseable {
  /** A live replica answers its health check in a few milliseconds, even under load (it is never queued). */
  static final Duration TIMEOUT = Duration.ofMillis(300);

  /** By id, in the configured order. */
  private final Map<Integer, ReplicaClient> clients = new LinkedHashMap<>();
  private final Map<Integer, Long> lastOrderSeen = new ConcurrentHashMap<>();
  /** Each replica's last probe: its health, or empty when it did not answer. */
  private final Map<Integer, Optional<ReplicaHealth>> observed = new ConcurrentHashMap<>();
  private final ExecutorService pool;

  ReplicaProbes(List<ReplicaAddress> addresses, OkHttpClient http, String clusterSecret) {
    OkHttpClient probeHttp = http.newBuilder().callTimeout(TIMEOUT).build();
    for (ReplicaAddress a : addresses) {
      clients.put(a.id(), new ReplicaClient(probeHttp, a, clusterSecret));
    }
    this.pool = Executors.newFixedThreadPool(addresses.size(), r -> {
      Thread t = new Thread(r, "replica-probe");
      t.setDaemon(true);
      return t;
    });
  }

  /** Health of these replicas, in parallel: the ones that answered. */
  List<Health> probe(List<Integer> ids) {
    Map<Integer, CompletableFuture<Optional<ReplicaHealth>>> calls = new LinkedHashMap<>();
    for (Integer id : ids) {
      calls.put(id, CompletableFuture.supplyAsync(() -> probe(id), pool));
    }
    List<Health> live = new ArrayList<>();
    calls.forEach((id, call) -> call.join().ifPresent(h -> live.add(health(h))));
    return live;
  }

  /** Whether {@code id} answered its last probe. */
  boolean answered(int id) {
    return observed.getOrDefault(id, Optional.empty()).isPresent();
  }

  List<ReplicaStatus> statuses() {
    List<ReplicaStatus> out = new ArrayList<>();
    for (ReplicaClient r : clients.values()) {
      Optional<ReplicaHealth> seen = observed.getOrDefault(r.address().id(), Optional.empty());
      if (seen.isPresent()) {
        out.add(ReplicaStatus.answered(seen.get().id(), r.address().url(), seen.get()));
      } else {
        int id = r.address().id();
        out.add(new ReplicaStatus(id, ReplicaStatus.name(id), r.address().url(), false, State.DOWN, null,
            lastOrderSeen.getOrDefault(id, 0L), null));
      }
    }
    return out;
  }

  /** The wire's health in the coordinator's terms. */
  private static Health health(ReplicaHealth h) {
    return new Health(h.id(), h.role(), h.state() == State.UP, h.epoch(), h.quorum(), h.fault() != null);
  }

  /** One replica's health, recorded for {@code /status}; empty when it does not answer. */
  private Optional<ReplicaHealth> probe(int id) {
    Optional<ReplicaHealth> health;
    try {
      health = Optional.of(clients.get(id).health());
    } catch (IOException e) {
      health = Optional.empty();
    }
    observed.put(id, health);
    health.ifPresent(h -> lastOrderSeen.put(id, h.lastOrder()));
    return health;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
