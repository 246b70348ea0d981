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
  /** Ports a bench takes from its base: a store's and the baseline's one. */
  static final int PORTS = PortLayout.span(REPLICAS) + 1;

  private final int portBase;
  private final Path workDir;
  private final JavaCommand java;
  private final Replication replication;

  Stores(int portBase, Path workDir, JavaCommand java, Replication replication) {
    this.portBase = portBase;
    this.workDir = workDir;
    this.java = java;
    this.replication = replication;
  }

  /** A fresh store named {@code name} (its data directory) on the bench's engine, started and with a leader. */
  Store start(String name, ServiceOptions options) throws IOException {
    Cluster.Config config = new Cluster.Config(ClusterLayout.withPortBase(portBase, REPLICAS),
        workDir.resolve(name), options.with(replication), ClusterLayout.HOST, Secrets.newToken(), Secrets.newToken(), java);
    return new Store(Cluster.start(config, line -> {}));
  }

  JavaCommand java() {
    return java;
  }

  Path workDir() {
    return workDir;
  }

  /** Ports a store leaves free: the baseline server listens on the first. */
  int firstFreePort() {
    return portBase + PortLayout.span(REPLICAS);
  }
}
