package toystore.frontend;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.ApiException;
import toystore.model.ReplicaHealth;
import toystore.model.ReplicaStatus;
import toystore.wire.order.Messages;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;

/**
 * The original design's leader selection, made safe: the highest live replica id leads; each
 * selection hands out a new epoch (recorded first) that fences every older leader. Leadership is
 * stable: it moves only when the leader stops answering, says it lost its majority, or stopped
 * leading. A monitor polls every replica so that a dead, frozen or cut-off leader is replaced even
 * when no request is in flight, and so that {@code /status} is live. Calls in flight to a leader
 * that has been given up on are cancelled at once, so they are retried on the next leader instead
 * of waiting out a read timeout.
 */
final class LeaderSelector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderSelector.class);
  static final Duration POLL = Duration.ofMillis(100);
  /** A live replica answers its health check in a few milliseconds, even under load (it is never queued). */
  static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);
  /** After a failed selection, callers fail fast for this long instead of re-running it. */
  static final Duration RETRY_PAUSE = Duration.ofMillis(100);
  /** At start, how long to wait for every replica before selecting among those that answer. */
  static final Duration STARTUP_GRACE = Duration.ofSeconds(3);

  /** No leader can be had right now. */
  static final class NoLeader extends Exception {
    NoLeader(String message) {
      super(message, null, false, false);
    }
  }

  /** Highest id first, with the long timeout a leader change needs. */
  private final List<ReplicaClient> replicas;
  /** By id, with the short timeout of a health probe. */
  private final Map<Integer, ReplicaClient> probeClients = new LinkedHashMap<>();
  private final EpochStore epochs;
  private final Map<Integer, Long> lastOrderSeen = new ConcurrentHashMap<>();
  /** Each replica's last probe: its health, or empty when it did not answer. */
  private final Map<Integer, Optional<ReplicaHealth>> observed = new ConcurrentHashMap<>();
  private final ExecutorService probes;
  private final ScheduledExecutorService monitor;
  /**
   * The leader, the dispatcher of the calls made to it, so that they can be cancelled together, and
   * whether it was given up: a call that starts after the cancellation fails at once instead.
   */
  private record Elected(ReplicaClient client, Dispatcher calls, AtomicBoolean givenUp) {
    void giveUp() {
      givenUp.set(true);
      calls.cancelAll();
    }
  }

  private final OkHttpClient leadHttp;
  private final AtomicReference<Elected> leader = new AtomicReference<>();
  /** The leader the monitor looked at last; monitor thread only. */
  private Elected watched;
  private volatile boolean closed;
  private long lastFailedSelectionNanos;

  private final String clusterSecret;
  /** Consecutive rounds in which the leader said it cannot reach a majority; monitor thread only. */
  private int roundsWithoutQuorum;

  LeaderSelector(List<ReplicaAddress> addresses, OkHttpClient http, String clusterSecret, EpochStore epochs) {
    this.clusterSecret = clusterSecret;
    OkHttpClient probeHttp = http.newBuilder().callTimeout(PROBE_TIMEOUT).build();
    // Long enough for a leader change (join 1 s, re-replication 2 s) and a commit wait (3 s).
    this.leadHttp = http.newBuilder().callTimeout(Duration.ofSeconds(4)).readTimeout(Duration.ofSeconds(4)).build();
    List<ReplicaClient> clients = new ArrayList<>();
    for (ReplicaAddress a : addresses) {
      clients.add(new ReplicaClient(leadHttp, a, clusterSecret));
    }
    clients.sort(Comparator.comparingInt((ReplicaClient c) -> c.address().id()).reversed());
    this.replicas = List.copyOf(clients);
    for (ReplicaAddress a : addresses) {
      probeClients.put(a.id(), new ReplicaClient(probeHttp, a, clusterSecret));
    }
    this.epochs = epochs;
    this.probes = Executors.newFixedThreadPool(addresses.size(), daemon("replica-probe"));
    this.monitor = Executors.newSingleThreadScheduledExecutor(daemon("leader-monitor"));
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Selects the first leader before returning, so the frontend reports healthy with a leader in
   * place: waits up to {@link #STARTUP_GRACE} for every replica (so the highest id leads when they
   * come up one by one), then selects among those that answer. Then starts the monitor.
   */
  void start() {
    long graceEnd = System.nanoTime() + STARTUP_GRACE.toNanos();
    while (probeAll().size() < replicas.size() && System.nanoTime() < graceEnd) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      select(probeAll());
    } catch (NoLeader e) {
      log.info("no leader at start: {}", e.getMessage());
    }
    monitor.scheduleWithFixedDelay(this::watch, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The current leader, selecting one first if there is none. */
  ReplicaClient leader() throws NoLeader {
    Elected current = leader.get();
    return current != null ? current.client() : select(null);
  }

  /**
   * {@code failed} is dead, frozen, cut off or deposed: select again (once, however many saw it), and
   * cancel every call still waiting on it, so each is retried on the next leader at once.
   */
  void leaderFailed(ReplicaClient failed, String why) {
    Elected given = leader.get();
    // Lock-free: request threads must not queue behind a selection in progress to report this.
    if (given != null && given.client() == failed && leader.compareAndSet(given, null)) {
      log.info("leader {} given up: {}", failed.address().id(), why);
      given.giveUp();
    }
  }

  Integer leaderId() {
    Elected current = leader.get();
    return current == null ? null : current.client().address().id();
  }

  /** Every live replica, highest id first: who can answer reads when no leader can be had. */
  List<ReplicaClient> liveReplicas() {
    List<ReplicaClient> live = new ArrayList<>();
    for (ReplicaClient r : replicas) {
      if (observed.getOrDefault(r.address().id(), Optional.empty()).isPresent()) {
        live.add(r);
      }
    }
    return live;
  }

  List<ReplicaStatus> statuses() {
    List<ReplicaStatus> out = new ArrayList<>();
    for (ReplicaClient r : probeClients.values()) {
      Optional<ReplicaHealth> seen = observed.getOrDefault(r.address().id(), Optional.empty());
      if (seen.isPresent()) {
        ReplicaHealth h = seen.get();
        out.add(new ReplicaStatus(h.id(), r.address().url(), h.state(), h.role(), h.lastOrder(), h.digest()));
      } else {
        out.add(new ReplicaStatus(r.address().id(), r.address().url(), "DOWN", null, lastOrder(r), null));
      }
    }
    return out;
  }

  private long lastOrder(ReplicaClient r) {
    return lastOrderSeen.getOrDefault(r.address().id(), 0L);
  }

  /**
   * Selects a leader unless another thread just did.
   *
   * @param live the replicas that answered a probe just now, or null to probe them first
   */
  private synchronized ReplicaClient select(Map<Integer, ReplicaHealth> live) throws NoLeader {
    Elected current = leader.get();
    if (current != null) {
      return current.client();
    }
    if (System.nanoTime() - lastFailedSelectionNanos < RETRY_PAUSE.toNanos()) {
      throw new NoLeader("no leader yet");
    }
    try {
      int id = selectNow(live != null ? live : probeAll());
      Dispatcher calls = new Dispatcher();
      AtomicBoolean givenUp = new AtomicBoolean();
      OkHttpClient http = leadHttp.newBuilder().dispatcher(calls).addInterceptor(chain -> {
        if (givenUp.get()) {
          throw new IOException("leader " + id + " was given up");
        }
        return chain.proceed(chain.request());
      }).build();
      Elected elected = new Elected(new ReplicaClient(http, address(id), clusterSecret), calls, givenUp);
      leader.set(elected);
      return elected.client();
    } catch (NoLeader e) {
      lastFailedSelectionNanos = System.nanoTime();
      throw e;
    }
  }

  /** Picks and installs the leader; returns its id. */
  private int selectNow(Map<Integer, ReplicaHealth> live) throws NoLeader {
    if (live.size() < ReplicaAddress.majority(replicas.size())) {
      throw new NoLeader("only " + live.size() + " of " + replicas.size() + " order replicas answer");
    }
    long epoch;
    try {
      epoch = Math.max(epochs.highest(), live.values().stream().mapToLong(ReplicaHealth::epoch).max().orElse(0));
    } catch (SQLException e) {
      throw new NoLeader("cannot read the epoch store: " + e.getMessage());
    }
    for (ReplicaHealth h : live.values()) {
      if (leads(h) && "UP".equals(h.state()) && h.epoch() == epoch) {
        log.info("replica {} already leads epoch {}", h.id(), epoch);
        return h.id();
      }
    }
    for (ReplicaClient candidate : replicas) {
      ReplicaHealth health = live.get(candidate.address().id());
      if (health == null || !canLead(health)) {
        continue;
      }
      epoch++;
      try {
        epochs.record(epoch);
        candidate.lead(new Messages.Lead(epoch));
        log.info("replica {} is the leader of epoch {}", candidate.address().id(), epoch);
        return candidate.address().id();
      } catch (ApiException e) {
        // 503: it could not reach a majority in time; a lower id may well reach one.
        log.info("replica {} cannot lead epoch {}: {}", candidate.address().id(), epoch, e.getMessage());
      } catch (IOException e) {
        log.info("replica {} did not answer: {}", candidate.address().id(), e.getMessage());
      } catch (SQLException e) {
        throw new NoLeader("cannot record the epoch: " + e.getMessage());
      }
    }
    throw new NoLeader("no order replica can lead");
  }

  /** A leader that is still fit to lead: it reaches a majority. */
  private static boolean leads(ReplicaHealth h) {
    return "LEADER".equals(h.role()) && h.quorum();
  }

  /**
   * Whether to ask this replica to lead: not when its disk fails, and not when it leads already but
   * cannot reach a majority (it is the one cut off; asking it again would only wait out the join).
   */
  private static boolean canLead(ReplicaHealth h) {
    return h.fault() == null && !("LEADER".equals(h.role()) && !h.quorum());
  }

  private ReplicaAddress address(int id) {
    return replicas.stream().map(ReplicaClient::address).filter(a -> a.id() == id).findFirst().orElseThrow();
  }

  /** Health of every replica, in parallel; the ones that answered, by id. */
  private Map<Integer, ReplicaHealth> probeAll() {
    Map<Integer, CompletableFuture<Optional<ReplicaHealth>>> calls = new LinkedHashMap<>();
    for (Integer id : probeClients.keySet()) {
      calls.put(id, CompletableFuture.supplyAsync(() -> probe(id), probes));
    }
    Map<Integer, ReplicaHealth> live = new LinkedHashMap<>();
    calls.forEach((id, call) -> call.join().ifPresent(h -> live.put(id, h)));
    return live;
  }

  /** One replica's health, recorded for {@code /status}; empty when it does not answer. */
  private Optional<ReplicaHealth> probe(int id) {
    Optional<ReplicaHealth> health;
    try {
      health = Optional.of(probeClients.get(id).health());
    } catch (IOException e) {
      health = Optional.empty();
    }
    observed.put(id, health);
    health.ifPresent(h -> lastOrderSeen.put(id, h.lastOrder()));
    return health;
  }

  private void watch() {
    try {
      Map<Integer, ReplicaHealth> live = probeAll();
      Elected current = leader.get();
      if (current != watched) {
        roundsWithoutQuorum = 0;
        watched = current;
      }
      if (current != null) {
        int id = current.client().address().id();
        ReplicaHealth h = live.get(id);
        if (h == null) {
          // One slow probe on a busy machine is not a death: ask once more at once before giving up.
          h = probe(id).orElse(null);
        }
        // Like a missed probe, one round without a majority may be a busy machine: two in a row are not.
        roundsWithoutQuorum = h != null && !h.quorum() ? roundsWithoutQuorum + 1 : 0;
        String problem = h == null ? "does not answer"
            : !"LEADER".equals(h.role()) ? "no longer leads"
            : roundsWithoutQuorum >= 2 ? "cannot reach a majority of replicas"
            : null;
        if (problem != null) {
          roundsWithoutQuorum = 0;
          leaderFailed(current.client(), problem);
          current = null;
        }
      }
      if (current == null && live.size() >= ReplicaAddress.majority(replicas.size())) {
        // What the probes just saw: probing again would wait once more for a replica that is frozen.
        select(live);
      }
    } catch (NoLeader e) {
      log.debug("no leader: {}", e.getMessage());
    } catch (RuntimeException e) {
      if (!closed) {
        log.error("leader monitor failed", e);
      }
    }
  }

  @Override
  public void close() {
    // A probe interrupted by the shutdown is not a monitor failure worth an error line.
    closed = true;
    monitor.shutdownNow();
    probes.shutdownNow();
  }
}
