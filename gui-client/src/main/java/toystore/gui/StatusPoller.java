package toystore.gui;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import toystore.chaos.PartitionSupport;
import toystore.model.ClusterView;
import toystore.model.Partition;
import toystore.model.StoreStatus;

/**
 * Asks the frontend and the agent how the cluster is, twice a second, and hands each
 * {@link ClusterState} to the listeners on the FX thread. A source that does not answer within the
 * call timeout is reported as a problem, never thrown.
 */
final class StatusPoller {
  static final Duration PERIOD = Duration.ofMillis(500);

  private final Backend backend;
  private final List<Consumer<ClusterState>> listeners = new CopyOnWriteArrayList<>();

  StatusPoller(Backend backend) {
    this.backend = backend;
  }

  void addListener(Consumer<ClusterState> listener) {
    listeners.add(listener);
  }

  void start() {
    backend.every(PERIOD, this::pollOnce);
  }

  private void pollOnce() {
    StoreStatus status = null;
    String statusProblem = null;
    try {
      status = backend.store().status();
    } catch (IOException | RuntimeException e) {
      statusProblem = "frontend: " + Problems.describe(e);
    }
    ClusterView cluster = null;
    String servicesProblem = null;
    List<Partition> partitions = null;
    if (backend.hasAgent()) {
      try {
        cluster = backend.agent().cluster();
      } catch (IOException | RuntimeException e) {
        servicesProblem = "agent: " + Problems.describe(e);
      }
      if (cluster != null) {
        try {
          partitions = PartitionSupport.inForce(backend.agent());
        } catch (IOException | RuntimeException e) {
          servicesProblem = "agent partitions: " + Problems.describe(e);
        }
      }
    }
    ClusterState state = new ClusterState(Instant.now(), status, statusProblem, cluster, servicesProblem, partitions);
    backend.onFx(() -> listeners.forEach(listener -> listener.accept(state)));
  }
}
