package toystore.order.simulation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.Input;
import toystore.order.protocol.Restored;
import toystore.order.protocol.Write;
import toystore.wire.order.Entry;

/**
 * One replica's disk: writes are done one at a time, in order, each after a random latency, and
 * each whole or not at all (an SQLite transaction). What is durable is exactly the writes done. A
 * crash loses the writes not yet done, except that a random prefix of them may have made it (the
 * process died after the commit but before it heard). While the disk is full every write fails.
 */
final class SimDisk {
  /** Told after every write that took effect: for the invariants. */
  interface Watcher {
    void written(SimDisk disk, long changedFrom);
  }

  private record Pending(long writeId, Write write, Consumer<Input> done) {}

  final int replica;
  private final Scheduler scheduler;
  private final Trace trace;
  private final Watcher watcher;
  private final long maxLatency;
  private long epoch;
  private long normalEpoch;
  private long commit;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<IdempotencyKey, Long> keys = new HashMap<>();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean writing;
  private int generation;
  private long fullUntil = -1;

  SimDisk(int replica, Scheduler scheduler, Trace trace, Watcher watcher, long maxLatency) {
    this.replica = replica;
    this.scheduler = scheduler;
    this.trace = trace;
    this.watcher = watcher;
    this.maxLatency = maxLatency;
  }

  long epoch() {
    return epoch;
  }

  long normalEpoch() {
    return normalEpoch;
  }

  long commit() {
    return commit;
  }

  long last() {
    return entries.size();
  }

  /** Entry {@code number} as durable, or null. */
  Entry entry(long number) {
    return number >= 1 && number <= entries.size() ? entries.get((int) number - 1) : null;
  }

  Restored restored() {
    return new Restored(epoch, normalEpoch, commit, List.copyOf(entries));
  }

  /** Every write from now until {@code until} fails (disk full, I/O error). */
  void failUntil(long until) {
    fullUntil = until;
  }

  void submit(long writeId, Write write, Consumer<Input> done) {
    queue.add(new Pending(writeId, write, done));
    if (!writing) {
      startNext();
    }
  }

  private void startNext() {
    if (queue.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    int started = generation;
    long latency = scheduler.chance(0.05) ? scheduler.between(maxLatency, 10 * maxLatency)
        : scheduler.between(20 * Scheduler.MICROS, maxLatency);
    scheduler.after(latency, () -> {
      if (started != generation) {
        return;
      }
      Pending p = queue.poll();
      if (scheduler.now() < fullUntil) {
        trace.add(scheduler.now(), "R" + replica, "disk fail", p.write());
        p.done().accept(new Input.PersistFailed(p.writeId(), "disk full"));
      } else {
        apply(p.write());
        p.done().accept(new Input.Persisted(p.writeId()));
      }
      startNext();
    });
  }

  /** The process died: writes not done are lost, but a random prefix of them may have been done. */
  void crash() {
    int made = scheduler.chance(0.5) ? scheduler.pick(queue.size() + 1) : 0;
    for (int i = 0; i < made && scheduler.now() >= fullUntil; i++) {
      Write w = queue.poll().write();
      trace.add(scheduler.now(), "R" + replica, "disk done", "(as it crashed) " + w);
      apply(w);
    }
    queue.clear();
    writing = false;
    generation++;
  }

  private void apply(Write write) {
    long changedFrom = Long.MAX_VALUE;
    if (write instanceof Write.SetEpoch w) {
      require(w.epoch() >= epoch, () -> "the promised epoch went down from " + epoch + " to " + w.epoch());
      epoch = w.epoch();
    } else if (write instanceof Write.SetNormalEpoch w) {
      setNormalEpoch(w.epoch());
    } else if (write instanceof Write.AppendEntries w) {
      changedFrom = entries.size() + 1;
      add(w.entries());
      setCommit(w.commitNumber());
    } else if (write instanceof Write.ReplaceFrom w) {
      require(w.from() >= 1 && w.from() <= entries.size() + 1,
          () -> "replaces from " + w.from() + " but its log ends at " + entries.size());
      changedFrom = w.from();
      while (entries.size() >= w.from()) {
        keys.remove(entries.remove(entries.size() - 1).key());
      }
      add(w.entries());
      setNormalEpoch(w.normalEpoch());
      setCommit(w.commitNumber());
    } else if (write instanceof Write.SetCommit w) {
      setCommit(w.commitNumber());
    }
    watcher.written(this, changedFrom);
  }

  private void setNormalEpoch(long e) {
    require(e <= epoch, () -> "follows epoch " + e + " but promised only " + epoch);
    require(e >= normalEpoch, () -> "its last normal epoch went down from " + normalEpoch + " to " + e);
    normalEpoch = e;
  }

  private void setCommit(long c) {
    require(c >= 0 && c <= entries.size(), () -> "commit number " + c + " beyond its last entry " + entries.size());
    commit = c;
  }

  private void add(List<Entry> more) {
    for (Entry e : more) {
      long expected = entries.size() + 1;
      require(e.number() == expected, () -> "entry " + e.number() + " written where " + expected + " belongs (gap or overlap)");
      Long before = keys.putIfAbsent(e.key(), e.number());
      require(before == null, () -> "key " + e.key() + " written at " + e.number() + " but already at " + before);
      entries.add(e);
    }
  }

  private void require(boolean ok, Supplier<String> what) {
    if (!ok) {
      throw new SimulationFailure("disk of R" + replica + ": " + what.get());
    }
  }
}
