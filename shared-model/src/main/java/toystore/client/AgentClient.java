package toystore.client;

import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;
import okhttp3.OkHttpClient;
import toystore.model.Audit;
import toystore.model.ClusterView;
import toystore.model.KillResult;
import toystore.model.ServiceInfo;

/** The chaos agent's control plane (API.md §4), typed. Every call carries the admin token. */
public final class AgentClient {
  private final JsonHttpClient http;

  public AgentClient(OkHttpClient http, String agentUrl, String adminToken) {
    this.http = new JsonHttpClient(http, agentUrl, adminToken);
  }

  public String url() {
    return http.baseUrl();
  }

  public List<ServiceInfo> services() throws IOException {
    ClusterView view = http.get(List.of("cluster"), ClusterView.class);
    return view.services();
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

  /** The catalog ledger, the replicas' digests and every committed order, for the consistency checker. */
  /** The catalog's stock ledger, read past the frontend so that polling it leaves the cache alone. */
  public List<Audit.Toy> stock() throws IOException {
    return http.get(List.of("stock"), Types.newParameterizedType(List.class, Audit.Toy.class));
  }

  public Audit audit() throws IOException {
    return http.get(List.of("audit"), Audit.class);
  }
}
