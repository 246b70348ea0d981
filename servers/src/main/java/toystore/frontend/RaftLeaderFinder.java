package toystore.frontend;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.frontend.election.Health;
import toystore.model.ReplicaStatus;
import toystore.model.Role;

/**
 * The frontend in raft mode: a plain client of the order service, with no epochs of its own. Raft
 * elects the leader; this only finds it, as the replica whose {@code /health} says LEADER with the
 * highest epoch (the Raft term: a deposed leader that has not yet noticed says LEADER with an older
 * one). It asks on demand when it knows no leader, and every {@link #POLL} from a monitor thread, so
 * that a leader change is followed even without a failed call, and calls waiting on the old leader
 * are cancelled and retried on the new one ({@link LeaderCalls}). docs/DESIGN.md "Frontend".
 */
final class RaftLeaderFinder implements LeaderSource {
  private static final Logger log = LoggerFactory.getLogger(RaftLeaderFinder.class);
  static final Duration POLL = Duration.ofMillis(100);

  private record Found(int id, long term, LeaderCalls calls) {}

  /** Highest id first, with the long timeout an order's commit may take. */
  private final List<ReplicaAddress> addresses;
  private final List<Integer> ids;
  private final ReplicaProbes probes;
  private final OkHttpClient leadHttp;
  private final String clusterSecret;
  private final AtomicReference<Found> leader = new AtomicReference<>();
  /** One probe round at a time: request threads that find no leader wait for the round in progress. */
  private final Object probing = new Object();
  private final ScheduledExecutorService monitor;
  private volatile boolean closed;

  RaftLeaderFinder(List<ReplicaAddress> addresses, OkHttpClient http, String clusterSecret) {
    this.addresses = addresses.stream().sorted(Comparator.comparingInt(ReplicaAddress::id).reversed()).toList();
    this.ids = this.addresses.stream().map(ReplicaAddress::id).toList();
    this.probes = new ReplicaProbes(addresses, http, clusterSecret);
    // As the lab frontend's: long enough for an order's commit wait on the leader.
    this.leadHttp = http.newBuilder().callTimeout(Duration.ofSeconds(4)).readTimeout(Duration.ofSeconds(4)).build();
    this.clusterSecret = clusterSecret;
    this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "raft-leader-monitor");
      t.setDaemon(true);
      return t;
    });
  }

  /** The replica that says LEADER with the highest term, if any answered so (a pure rule, for tests). */
  static Optional<Health> choose(List<Health> answered) {
    return answered.stream().filter(h -> h.role() == Role.LEADER).max(Comparator.comparingLong(Health::epoch));
  }

  @Override
  public void start() {
    find();
    long every = POLL.toMillis();
    monitor.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public ReplicaClient leader() throws NoLeader {
    Found current = leader.get();
    if (current == null) {
      current = find();
    }
    if (current == null) {
      throw new NoLeader("no order replica says it is the Raft leader");
    }
    return current.calls().client();
  }

  @Override
  public void leaderFailed(ReplicaClient failed, String why) {
    Found current = leader.get();
    if (current != null && current.calls().client() == failed && leader.compareAndSet(current, null)) {
      log.info("order leader {} (term {}) given up: {}", current.id(), current.term(), why);
      current.calls().giveUp();
    }
  }

  @Override
  public Integer leaderId() {
    Found current = leader.get();
    return current == null ? null : current.id();
  }

  @Override
  public List<ReplicaClient> liveReplicas() {
    return addresses.stream().filter(a -> probes.answered(a.id()))
        .map(a -> new ReplicaClient(leadHttp, a, clusterSecret)).toList();
  }

  @Override
  public List<ReplicaStatus> statuses() {
    return probes.statuses();
  }

  @Override
  public String leadership() {
    return "Raft's: the replica the Raft election chose leads, not the highest id";
  }

  /**
   * Probes every replica and follows the leader they report; returns it (null when none says it
   * leads). A request thread that comes while a round is in progress waits for it and uses its result.
   */
  private Found find() {
    Found before = leader.get();
    synchronized (probing) {
      Found now = leader.get();
      if (now != before && now != null) {
        return now;
      }
      Optional<Health> chosen = choose(probes.probe(ids));
      return chosen.map(this::follow).orElse(leader.get());
    }
  }

  /**
   * Makes {@code health}'s replica the leader unless it already is, or one of a newer term is
   * followed already (this probe's answer is older news); the old one's calls are cancelled.
   */
  private Found follow(Health health) {
    Found current = leader.get();
    if (current != null && (current.id() == health.id() || current.term() > health.epoch())) {
      return current;
    }
    ReplicaAddress address = addresses.stream().filter(a -> a.id() == health.id()).findFirst().orElseThrow();
    Found next = new Found(health.id(), health.epoch(), LeaderCalls.open(leadHttp, address, clusterSecret));
    if (!leader.compareAndSet(current, next)) {
      return leader.get();
    }
    log.info("following order leader {} (Raft term {})", next.id(), next.term());
    if (current != null) {
      current.calls().giveUp();
    }
    return next;
  }

  private void watch() {
    try {
      find();
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("raft leader monitor failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    monitor.shutdownNow();
    probes.close();
  }
}
