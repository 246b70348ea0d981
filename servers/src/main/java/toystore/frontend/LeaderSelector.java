package toystore.frontend;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.client.ApiException;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.frontend.election.Coordinator;
import toystore.frontend.election.CoordinatorEffect;
import toystore.frontend.election.CoordinatorInput;
import toystore.frontend.election.CoordinatorTiming;
import toystore.frontend.election.Leadership;
import toystore.model.ReplicaStatus;
import toystore.wire.order.Messages;

/**
 * The shell around the frontend's leader election ({@link Coordinator}, which decides): it probes
 * the replicas, records epochs in the {@link EpochStore}, asks a replica to lead, and ticks the
 * coordinator from a monitor thread so that a dead, frozen or cut-off leader is replaced even when
 * no request is in flight, and so that {@code /status} is live. Calls in flight to a leader that has
 * been given up on are cancelled at once, so they are retried on the next leader instead of waiting
 * out a read timeout. The coordinator is used under its own lock, never held across I/O.
 */
final class LeaderSelector implements LeaderSource {
  private static final Logger log = LoggerFactory.getLogger(LeaderSelector.class);
  private static final CoordinatorTiming TIMING = CoordinatorTiming.standard();

  /** Highest id first, with the long timeout a leader change needs. */
  private final List<ReplicaClient> replicas;
  private final EpochStore epochs;
  private final ReplicaProbes probes;
  private final ScheduledExecutorService monitor;
  /** Guarded by itself. */
  private final Coordinator coordinator;
  /** The leader and its calls, so that they can be cancelled together ({@link LeaderCalls}). */
  private record Elected(Leadership leadership, LeaderCalls calls) {
    ReplicaClient client() {
      return calls.client();
    }

    void giveUp() {
      calls.giveUp();
    }
  }

  private final OkHttpClient leadHttp;
  private final AtomicReference<Elected> leader = new AtomicReference<>();
  private volatile boolean closed;
  private final String clusterSecret;

  LeaderSelector(List<ReplicaAddress> addresses, OkHttpClient http, String clusterSecret, EpochStore epochs)
      throws SQLException {
    this.clusterSecret = clusterSecret;
    // Long enough for a leader change (join 1 s, re-replication 2 s) and a commit wait (3 s).
    this.leadHttp = http.newBuilder().callTimeout(Duration.ofSeconds(4)).readTimeout(Duration.ofSeconds(4)).build();
    List<ReplicaClient> clients = new ArrayList<>();
    for (ReplicaAddress a : addresses) {
      clients.add(new ReplicaClient(leadHttp, a, clusterSecret));
    }
    clients.sort(Comparator.comparingInt((ReplicaClient c) -> c.address().id()).reversed());
    this.replicas = List.copyOf(clients);
    this.probes = new ReplicaProbes(addresses, http, clusterSecret);
    this.epochs = epochs;
    this.coordinator = new Coordinator(addresses.stream().map(ReplicaAddress::id).toList(), epochs.highest(), TIMING,
        System.nanoTime());
    this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "leader-monitor");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Selects the first leader before returning, so the frontend reports healthy with a leader in
   * place (the coordinator waits out the startup grace for every replica first). Then starts the
   * monitor.
   */
  @Override
  public void start() {
    long poll = TIMING.poll().toMillis();
    drive(new CoordinatorInput.Tick());
    while (!started()) {
      try {
        Thread.sleep(poll);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      drive(new CoordinatorInput.Tick());
    }
    monitor.scheduleWithFixedDelay(this::watch, poll, poll, TimeUnit.MILLISECONDS);
  }

  private boolean started() {
    synchronized (coordinator) {
      return coordinator.started();
    }
  }

  /** The current leader, selecting one first if there is none (or waiting for the selection in progress). */
  @Override
  public ReplicaClient leader() throws NoLeader {
    while (true) {
      Elected current = leader.get();
      if (current != null) {
        return current.client();
      }
      String refused = drive(new CoordinatorInput.LeaderWanted());
      if (refused != null) {
        throw new NoLeader(refused);
      }
      awaitSelection();
    }
  }

  private void awaitSelection() throws NoLeader {
    synchronized (coordinator) {
      while (coordinator.selecting()) {
        try {
          coordinator.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NoLeader("interrupted");
        }
      }
    }
  }

  /**
   * {@code failed} is dead, frozen, cut off or deposed: select again (once, however many saw it), and
   * cancel every call still waiting on it, so each is retried on the next leader at once.
   */
  @Override
  public void leaderFailed(ReplicaClient failed, String why) {
    Elected given = leader.get();
    // Request threads never wait for a selection in progress to report this: no I/O is done under the lock.
    if (given != null && given.client() == failed) {
      drive(new CoordinatorInput.LeaderFailed(given.leadership().id(), why));
    }
  }

  @Override
  public Integer leaderId() {
    Elected current = leader.get();
    return current == null ? null : current.client().address().id();
  }

  @Override
  public List<ReplicaClient> liveReplicas() {
    return replicas.stream().filter(r -> probes.answered(r.address().id())).toList();
  }

  @Override
  public List<ReplicaStatus> statuses() {
    return probes.statuses();
  }

  @Override
  public String leadership() {
    return "the frontend's: the highest live id leads, under a fencing epoch it hands out";
  }

  /**
   * Feeds {@code first} to the coordinator and does what it asks until nothing is left: the
   * leader's installation, its giving up and the log lines under the lock, the I/O after it.
   *
   * @return why no leader can be had, when the coordinator answered a {@code LeaderWanted} so
   */
  private String drive(CoordinatorInput first) {
    String refused = null;
    Deque<CoordinatorInput> inputs = new ArrayDeque<>(List.of(first));
    while (!inputs.isEmpty()) {
      List<CoordinatorEffect> io = new ArrayList<>();
      synchronized (coordinator) {
        for (CoordinatorEffect effect : coordinator.handle(inputs.poll(), System.nanoTime())) {
          if (effect instanceof CoordinatorEffect.LeaderChosen chosen) {
            leader.set(elect(chosen.leadership()));
          } else if (effect instanceof CoordinatorEffect.GiveUp given) {
            Elected current = leader.get();
            if (current != null && current.leadership().equals(given.leadership()) && leader.compareAndSet(current, null)) {
              current.giveUp();
            }
          } else if (effect instanceof CoordinatorEffect.Note note) {
            note(note);
          } else if (effect instanceof CoordinatorEffect.NoLeader none) {
            refused = none.why();
          } else {
            io.add(effect);
          }
        }
        coordinator.notifyAll();
      }
      for (CoordinatorEffect effect : io) {
        inputs.add(perform(effect));
      }
    }
    return refused;
  }

  private static void note(CoordinatorEffect.Note note) {
    switch (note.level()) {
      case DEBUG -> log.debug(note.message());
      case INFO -> log.info(note.message());
    }
  }

  /** A client for the new leader whose calls go through a dispatcher of their own, cancelled when it is given up. */
  private Elected elect(Leadership leadership) {
    return new Elected(leadership, LeaderCalls.open(leadHttp, replica(leadership.replica()).address(), clusterSecret));
  }

  /** Does one I/O effect; returns its result as the coordinator's input. */
  private CoordinatorInput perform(CoordinatorEffect effect) {
    if (effect instanceof CoordinatorEffect.Probe probe) {
      return new CoordinatorInput.Probed(probe.roundId(), probes.probe(probe.replicas()));
    }
    if (effect instanceof CoordinatorEffect.RecordEpoch record) {
      try {
        epochs.record(record.epoch());
        return new CoordinatorInput.Recorded(record.recordId());
      } catch (SQLException e) {
        return new CoordinatorInput.RecordFailed(record.recordId(), e.getMessage());
      }
    }
    CoordinatorEffect.AskToLead ask = (CoordinatorEffect.AskToLead) effect;
    try {
      replica(ask.replica()).lead(new Messages.Lead(ask.epoch()));
      return new CoordinatorInput.Led(ask.callId());
    } catch (ApiException e) {
      return new CoordinatorInput.LeadRefused(ask.callId(), refusal(e.status()), e.getMessage());
    } catch (IOException e) {
      return new CoordinatorInput.LeadUnanswered(ask.callId(), e.getMessage());
    }
  }

  /** docs/API.md, {@code POST /internal/lead}: 409 for a stale epoch, 503 when it cannot lead with a majority. */
  private static CoordinatorInput.Refusal refusal(int status) {
    return switch (status) {
      case 409 -> CoordinatorInput.Refusal.STALE_EPOCH;
      case 503 -> CoordinatorInput.Refusal.NO_MAJORITY;
      default -> CoordinatorInput.Refusal.OTHER;
    };
  }

  private ReplicaClient replica(int id) {
    return replicas.stream().filter(r -> r.address().id() == id).findFirst().orElseThrow();
  }

  private void watch() {
    try {
      drive(new CoordinatorInput.Tick());
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
    probes.close();
    try {
      epochs.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the frontend's epoch store: " + e.getMessage(), e);
    }
  }
}
