package toystore.client;

import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import toystore.model.Audit;
import toystore.model.ClusterView;
import toystore.model.Isolation;
import toystore.model.KillResult;
import toystore.model.Partition;
import toystore.model.PartitionRequest;
import toystore.model.PauseResult;
import toystore.model.ServiceInfo;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport;

/** The chaos agent's control plane (docs/API.md §4), typed. Every call carries the admin token. */
public final class AgentClient {
  private final JsonHttpClient http;

  public AgentClient(OkHttpClient http, String agentUrl, String adminToken) {
    this.http = new JsonHttpClient(http, agentUrl, adminToken);
  }

  public String url() {
    return http.baseUrl();
  }

  public List<ServiceInfo> services() throws IOException {
    return cluster().services();
  }

  /** {@code GET /cluster}: every service and the engine that replicates the orders. */
  public ClusterView cluster() throws IOException {
    return http.get(List.of("cluster"), ClusterView.class);
  }

  /** SIGKILLs the service; returns once the process is gone. */
  public void kill(String service) throws IOException {
    http.post(List.of("services", service, "kill"), null, Object.class);
  }

  /** (Re)starts the service; returns once it is healthy. */
  public void restart(String service) throws IOException {
    http.post(List.of("services", service, "restart"), null, Object.class);
  }

  /** Kills the current order leader; returns its service name. */
  public String killLeader() throws IOException {
    KillResult result = http.post(List.of("chaos", "kill-leader"), null, KillResult.class);
    return result.killed();
  }

  /** Freezes the current order leader (SIGSTOP), by the rule {@link #killLeader()} uses; returns its service name. */
  public String pauseLeader() throws IOException {
    PauseResult result = http.post(List.of("chaos", "pause-leader"), null, PauseResult.class);
    return result.paused();
  }

  /** Freezes the service (SIGSTOP): it stops answering without dying, its sockets stay open. */
  public void pause(String service) throws IOException {
    http.post(List.of("services", service, "pause"), null, Object.class);
  }

  /** Lets a paused service run again (SIGCONT). */
  public void resume(String service) throws IOException {
    http.post(List.of("services", service, "resume"), null, Object.class);
  }

  /**
   * Fills order replica {@code service}'s disk with a ballast file until it is full; only where its data
   * directory is a filesystem of its own (else {@code 501}). Returns the service as {@code /cluster} shows it.
   */
  public ServiceInfo diskFull(String service) throws IOException {
    return http.post(List.of("services", service, "disk-full"), null, ServiceInfo.class);
  }

  /** Deletes the ballast {@link #diskFull} wrote, so the replica's writes work again. */
  public ServiceInfo freeDisk(String service) throws IOException {
    return http.call("DELETE", List.of("services", service, "disk-full"), Map.of(), null, Map.of(), ServiceInfo.class);
  }

  /** Cuts the groups of services apart (packets dropped both ways) until healed; returns the partition. */
  public Partition partition(List<List<String>> groups) throws IOException {
    return http.post(List.of("partitions"), new PartitionRequest(groups), Partition.class);
  }

  /** The partitions in force. */
  public List<Partition> partitions() throws IOException {
    return http.get(List.of("partitions"), Types.newParameterizedType(List.class, Partition.class));
  }

  /** Heals one partition. */
  public void heal(String partitionId) throws IOException {
    http.call("DELETE", List.of("partitions", partitionId), Map.of(), null, Map.of(), Object.class);
  }

  /** Heals every partition. */
  public void healAll() throws IOException {
    http.call("DELETE", List.of("partitions"), Map.of(), null, Map.of(), Object.class);
  }

  /** Cuts the current order leader off from every other service. */
  public Isolation isolateLeader() throws IOException {
    return http.post(List.of("chaos", "isolate-leader"), null, Isolation.class);
  }

  /**
   * Cuts the current order leader off from the other replicas only (the partition [[leader], [the
   * other replicas]]): the frontend and the catalog still reach it.
   */
  public Isolation cutLeaderOff() throws IOException {
    return http.post(List.of("chaos", "cut-leader-off"), null, Isolation.class);
  }

  /** The catalog's stock ledger, read past the frontend so that polling it leaves the cache alone. */
  public List<Audit.Toy> stock() throws IOException {
    return http.get(List.of("stock"), Types.newParameterizedType(List.class, Audit.Toy.class));
  }

  /** The catalog ledger, the replicas' digests and every committed order, for the consistency checker. */
  public Audit audit() throws IOException {
    return http.get(List.of("audit"), Audit.class);
  }

  /** One page of replica {@code service}'s log, committed entries or not, read by the agent (docs/API.md §4). */
  public Messages.LogPage log(String service, long from) throws IOException {
    return http.call("GET", List.of("services", service, "log"), Map.of("from", Long.toString(from)), null, Map.of(),
        Messages.LogPage.class);
  }

  /** The view changes (raft: terms) replica {@code service} led, oldest first, read by the agent (docs/API.md §4). */
  public List<ViewChangeReport> viewChanges(String service) throws IOException {
    return http.get(List.of("services", service, "view-changes"),
        Types.newParameterizedType(List.class, ViewChangeReport.class));
  }
}
