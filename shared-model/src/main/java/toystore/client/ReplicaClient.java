package toystore.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import com.squareup.moshi.Types;
import okhttp3.OkHttpClient;
import toystore.model.Order;
import toystore.model.ReplicaHealth;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport;

/** One order replica's API, for its peers, the frontend and the agent. */
public final class ReplicaClient {
  private final ReplicaAddress address;
  private final JsonHttpClient http;

  public ReplicaClient(OkHttpClient http, ReplicaAddress address, String clusterSecret) {
    this.address = address;
    this.http = new JsonHttpClient(http, address.url(), clusterSecret);
  }

  public ReplicaAddress address() {
    return address;
  }

  public ReplicaHealth health() throws IOException {
    return http.get(List.of("health"), ReplicaHealth.class);
  }

  public void lead(Messages.Lead lead) throws IOException {
    http.post(List.of("internal", "lead"), lead, Object.class);
  }

  public Messages.Joined join(Messages.Join join) throws IOException {
    return http.post(List.of("internal", "join"), join, Messages.Joined.class);
  }

  public Messages.Appended append(Messages.Append append) throws IOException {
    return http.post(List.of("internal", "append"), append, Messages.Appended.class);
  }

  /** A page of the log for an observer (the agent, an audit): not counted as protocol traffic. */
  public Messages.LogPage log(long from) throws IOException {
    return http.call("GET", List.of("internal", "log"), Map.of("from", Long.toString(from)), null, Map.of(),
        Messages.LogPage.class);
  }

  /** A page of the log for a replica catching up: counted as a log-page message (docs/API.md §4). */
  public Messages.LogPage catchUpPage(long from) throws IOException {
    return http.call("GET", List.of("internal", "log"), Map.of("from", Long.toString(from), "reader", "peer"), null,
        Map.of(), Messages.LogPage.class);
  }

  /** The view changes (raft: terms) this replica led, oldest first (docs/API.md §4). */
  public List<ViewChangeReport> viewChanges() throws IOException {
    return http.get(List.of("internal", "view-changes"), Types.newParameterizedType(List.class, ViewChangeReport.class));
  }

  public Messages.OrderPlaced placeOrder(Messages.PlaceOrder order) throws IOException {
    return http.post(List.of("internal", "orders"), order, Messages.OrderPlaced.class);
  }

  public Order order(long number) throws IOException {
    return http.get(List.of("internal", "orders", Long.toString(number)), Order.class);
  }
}
