package toystore.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import toystore.client.ApiException;
import toystore.model.Audit;
import toystore.model.ServiceInfo;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Supervisor;

/**
 * Everything a request could change, read through the control plane: every process (by pid, so a
 * crash and restart shows), the catalog's ledger (stock, prices, versions) and its health (with the
 * epoch that fences order leaders), every replica's log position, digest and epoch, the committed
 * orders, the frontend's leader and cache invalidations, and the partitions in force.
 */
record StoreState(List<String> processes, List<Audit.Toy> ledger, String catalogHealth, List<String> replicas,
    List<Audit.CommittedOrder> orders, Integer leader, long invalidations, String partitions) {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  static StoreState capture(ClusterTestSupport cluster) throws IOException {
    Audit audit = cluster.agent().audit();
    List<String> processes = cluster.agent().services().stream()
        .map((ServiceInfo s) -> s.name() + " pid " + s.pid() + (s.alive() ? " alive" : " dead") + (s.paused() ? " paused" : ""))
        .toList();
    List<String> replicas = cluster.supervisor().replicas().stream()
        .map((Supervisor.ReplicaState r) -> r.health() == null
            ? r.name() + " not answering"
            : r.name() + " " + r.health().role() + " epoch " + r.health().epoch() + " last " + r.health().lastOrder()
                + " digest " + r.health().digest())
        .toList();
    String catalogHealth = RawHttp.send(cluster.cluster().layout().catalogPort(),
        RawHttp.request("GET", "/health", Map.of(), null), TIMEOUT).text();
    var status = cluster.store().status();
    return new StoreState(processes, audit.catalog(), catalogHealth, replicas, audit.orders(), status.leader(),
        status.cache().invalidations(), partitions(cluster));
  }

  /** The partitions in force, or why there can be none (501 without root or iptables). */
  private static String partitions(ClusterTestSupport cluster) throws IOException {
    try {
      return cluster.agent().partitions().toString();
    } catch (ApiException e) {
      if (e.status() != 501) {
        throw e;
      }
      return "unavailable: " + e.getMessage();
    }
  }

  /** Whether every process is alive (and not paused), every replica answers, and all hold the same log. */
  boolean healthy() {
    return processes.stream().allMatch(p -> p.endsWith(" alive"))
        && replicas.stream().noneMatch(r -> r.endsWith("not answering"))
        && replicas.stream().map(r -> r.substring(r.indexOf(" digest "))).distinct().count() == 1;
  }
}
