package toystore.order;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import toystore.metrics.StageTimes;
import toystore.model.IdempotencyKey;
import toystore.wire.order.Entry;

/**
 * Where the leader's time for one order goes (docs/PERFORMANCE.md, issue 13), timed by the shell at
 * the edges of the core: the core stays pure, every clock is read here. An order in flight is one
 * {@link Marks} keyed by its idempotency key, from {@link #placing} until {@link #placed}.
 */
final class OrderStages {
  enum Stage {
    /** From the request thread entering place to the core asking the catalog to buy (lock wait included). */
    INTAKE,
    /** The catalog purchase: the Buy effect handed to a thread until its Bought input is fed back. */
    PURCHASE,
    /** Bought until the order first leaves for a disk: sent to a follower or handed to the leader's own. */
    BATCH_WAIT,
    /** The leader's own write and fsync of a batch (once per batch). */
    DISK_WRITE,
    /** An append carrying orders sent to a follower until its answer is fed back (once per send). */
    FOLLOWER_ROUND_TRIP,
    /** The order's first send to a disk until the request thread has its answer (majority durable). */
    COMMIT,
    /** The whole of place on the leader. */
    PLACE
  }

  /** When one order crossed a stage's edge; written by one thread at a time, in stage order. */
  static final class Marks {
    final long placing;
    volatile long bought;
    volatile long batched;

    Marks(long placing) {
      this.placing = placing;
    }
  }

  private final StageTimes<Stage> times;
  private final Map<IdempotencyKey, Marks> inFlight = new ConcurrentHashMap<>();

  OrderStages(PrometheusRegistry registry) {
    this.times = new StageTimes<>(registry, "toystore_replica_order_stage_seconds",
        "Time one order spent in each stage on the leader (intake, purchase, batch_wait, disk_write,"
            + " follower_round_trip, commit, place)", Stage.class);
  }

  /** A request thread starts placing the order {@code key}; a retry of a key in flight keeps the first marks. */
  Marks placing(IdempotencyKey key) {
    Marks mine = new Marks(System.nanoTime());
    Marks first = inFlight.putIfAbsent(key, mine);
    return first == null ? mine : null;
  }

  /** The request thread has its answer; {@code marks} is what {@link #placing} gave it (null for a retry). */
  void placed(IdempotencyKey key, Marks marks) {
    if (marks == null) {
      return;
    }
    long now = System.nanoTime();
    inFlight.remove(key, marks);
    if (marks.batched != 0) {
      times.took(Stage.COMMIT, now - marks.batched);
    }
    times.took(Stage.PLACE, now - marks.placing);
  }

  /** The core asked to buy for {@code key}. */
  void buying(IdempotencyKey key) {
    Marks marks = inFlight.get(key);
    if (marks != null) {
      times.since(Stage.INTAKE, marks.placing);
    }
  }

  /** The purchase for {@code key}, handed off at {@code started}, came back bought. */
  void bought(IdempotencyKey key, long started) {
    long now = System.nanoTime();
    times.took(Stage.PURCHASE, now - started);
    Marks marks = inFlight.get(key);
    if (marks != null) {
      marks.bought = now;
    }
  }

  /** The leader sends orders to a follower or hands them to its own disk; only the first time counts. */
  void batching(List<Entry> entries) {
    long now = System.nanoTime();
    for (Entry entry : entries) {
      Marks marks = inFlight.get(entry.key());
      if (marks != null && marks.bought != 0 && marks.batched == 0) {
        times.took(Stage.BATCH_WAIT, now - marks.bought);
        marks.batched = now;
      }
    }
  }

  void written(long nanos) {
    times.took(Stage.DISK_WRITE, nanos);
  }

  void followerAnswered(long started) {
    times.since(Stage.FOLLOWER_ROUND_TRIP, started);
  }
}
