package toystore.order.simulation;

import java.util.ArrayList;
import java.util.List;

/** What every part of one schedule shares: the clock, the network, the trace, the invariants and the processes. */
final class World {
  final Settings settings;
  final Scheduler scheduler;
  final Trace trace;
  final Network network;
  final Invariants invariants;
  final List<ReplicaNode> replicas = new ArrayList<>();
  CatalogModel catalog;
  Frontend frontend;
  private long ids;

  World(Settings settings, Scheduler scheduler, Trace trace) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.trace = trace;
    this.network = new Network(scheduler, trace);
    this.invariants = new Invariants(this);
  }

  /** Replica {@code id} (1-based). */
  ReplicaNode replica(int id) {
    return replicas.get(id - 1);
  }

  /** A fresh id for a call or a request, unique in the schedule. */
  long nextId() {
    return ++ids;
  }

  long now() {
    return scheduler.now();
  }


  void trace(String node, String what, Object detail) {
    trace.add(scheduler.now(), node, what, detail);
  }
}
