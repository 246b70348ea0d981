package toystore.bench;

import java.io.IOException;
import java.nio.file.Path;
import toystore.config.PortLayout;
import toystore.config.Replication;
import toystore.http.Secrets;
import toystore.supervisor.Cluster;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.ServiceOptions;

/**
 * Starts the benchmark's stores: each a fresh cluster of three replicas on loopback at the same
 * ports, with its own data directory under the work directory, so no run inherits another's state.
 */
final class Stores {
  static final int REPLICAS = 3;
  /**
   * Ports a bench takes from its base: a store's, then the baseline's one or, beside a raft store,
   * the bare Ratis counter's peers (never both at once).
   */
  static final int PORTS = PortLayout.span(REPLICAS) + RatisCounterBaseline.PEERS;

  private final int portBase;
  private final Path workDir;
  private final JavaCommand java;
  private final Replication mainEngine;

  /** @param mainEngine the engine of every store but the engine comparison's (BenchPlan#mainEngine) */
  Stores(int portBase, Path workDir, JavaCommand java, Replication mainEngine) {
    this.portBase = portBase;
    this.workDir = workDir;
    this.java = java;
    this.mainEngine = mainEngine;
  }

  /** A fresh store named {@code name} (its data directory) on the main engine, started and with a leader. */
  Store start(String name, ServiceOptions options) throws IOException {
    return start(name, options, mainEngine);
  }

  /** A fresh store named {@code name} on {@code engine}, started and with a leader. */
  Store start(String name, ServiceOptions options, Replication engine) throws IOException {
    Cluster.Config config = new Cluster.Config(ClusterLayout.withPortBase(portBase, REPLICAS),
        workDir.resolve(name), options.with(engine), ClusterLayout.HOST, Secrets.newToken(), Secrets.newToken(), java);
    return new Store(Cluster.start(config, line -> {}));
  }

  JavaCommand java() {
    return java;
  }

  Path workDir() {
    return workDir;
  }

  /** Ports a store leaves free: the baseline server listens on the first, the bare Ratis counter on the first three. */
  int firstFreePort() {
    return portBase + PortLayout.span(REPLICAS);
  }
}
