package toystore.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.http.HttpError;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.wire.catalog.LedgerRow;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport;

/**
 * Collects what the consistency checker compares ({@code GET /audit} on the agent): the catalog's
 * stock ledger, every replica's health, and the committed order log, all read with the cluster
 * secret through the services' own internal clients.
 */
public final class Auditor implements AutoCloseable {
  static final Duration LOG_PAGE_TIMEOUT = Duration.ofSeconds(2);

  private final Supervisor supervisor;
  private final String clusterSecret;
  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(300), Duration.ofSeconds(10));
  private final CatalogClient catalog;
  /** A log page is a dashboard's poll: a replica that does not answer soon is reported, not waited for. */
  private final OkHttpClient logHttp = http.newBuilder().callTimeout(LOG_PAGE_TIMEOUT).build();

  public Auditor(Supervisor supervisor, String catalogUrl, String clusterSecret) {
    this.supervisor = supervisor;
    this.clusterSecret = clusterSecret;
    this.catalog = new CatalogClient(http, catalogUrl, clusterSecret);
  }

  /**
   * @throws HttpError 503 when the catalog or every order replica is unreachable: a partial audit
   *     would look like lost orders or stock
   */
  public Audit audit() {
    List<Supervisor.ReplicaState> replicas = supervisor.replicas();
    List<ReplicaStatus> replicaAudits = replicas.stream().map(Supervisor.ReplicaState::status).toList();
    Supervisor.ReplicaState source = logSource(replicas)
        .orElseThrow(() -> new HttpError(503, "no live order replica to read the order log from"));
    List<Audit.Toy> ledger = stock();
    try {
      return new Audit(ledger, replicaAudits, committedOrders(source));
    } catch (IOException e) {
      throw new HttpError(503, "order log of " + source.name() + " unavailable: " + e.getMessage());
    }
  }

  /** The catalog's stock ledger alone: cheap enough for a dashboard to poll. */
  public List<Audit.Toy> stock() {
    try {
      return catalog.ledger().stream().map(Auditor::toy).toList();
    } catch (IOException e) {
      throw new HttpError(503, "catalog ledger unavailable: " + e.getMessage());
    }
  }

  /**
   * One page of replica {@code name}'s log as it answers {@code GET /internal/log?from=N}, committed
   * entries or not (docs/API.md §4, {@code GET /services/{name}/log}).
   *
   * @throws HttpError 404 for a service that is no order replica, 503 when the replica does not answer
   */
  public Messages.LogPage logPage(String name, long from) {
    return dashboardRead(name, "log", replica -> replica.log(from));
  }

  /**
   * The view changes replica {@code name} led, as it answers {@code GET /internal/view-changes}
   * (docs/API.md §4, {@code GET /services/{name}/view-changes}).
   *
   * @throws HttpError 404 for a service that is no order replica (or one without the route), 503
   *     when the replica does not answer
   */
  public List<ViewChangeReport> viewChanges(String name) {
    return dashboardRead(name, "view changes", ReplicaClient::viewChanges);
  }

  private interface ReplicaRead<T> {
    T from(ReplicaClient replica) throws IOException;
  }

  /** One of a dashboard's polls of a running replica, with the cluster secret and a short timeout. */
  private <T> T dashboardRead(String name, String what, ReplicaRead<T> read) {
    ReplicaAddress address = supervisor.runningReplica(name)
        .orElseThrow(() -> new HttpError(404, name + " is not an order replica"));
    try {
      return read.from(new ReplicaClient(logHttp, address, clusterSecret));
    } catch (ApiException e) {
      // A 404 is a replica without the route (one of an older build); anything else is it failing.
      throw new HttpError(e.status() == 404 ? 404 : 503, what + " of " + name + " unavailable: " + e.getMessage());
    } catch (IOException e) {
      throw new HttpError(503, what + " of " + name + " unavailable: " + e.getMessage());
    }
  }

  private static Audit.Toy toy(LedgerRow row) {
    return new Audit.Toy(row.name(), row.price(), row.quantity(), row.initial(), row.restocked(), row.sold(),
        row.version());
  }

  /** The current leader, or else the answering replica that has committed the most. */
  private static Optional<Supervisor.ReplicaState> logSource(List<Supervisor.ReplicaState> replicas) {
    List<Supervisor.ReplicaState> answering = replicas.stream().filter(r -> r.health() != null).toList();
    Optional<Supervisor.ReplicaState> leader = answering.stream()
        .filter(r -> r.health().role() == Role.LEADER)
        .max(Comparator.comparingLong(r -> r.health().epoch()));
    return leader.or(() -> answering.stream().max(Comparator.comparingLong(r -> r.health().lastOrder())));
  }

  /** Pages through the log up to the commit number seen on the first page. */
  private List<Audit.CommittedOrder> committedOrders(Supervisor.ReplicaState source) throws IOException {
    ReplicaClient replica = new ReplicaClient(http, new ReplicaAddress(source.id(), source.url()), clusterSecret);
    List<Audit.CommittedOrder> orders = new ArrayList<>();
    Messages.LogPage page = replica.log(1);
    long committed = page.commitNumber();
    while (true) {
      List<Entry> entries = page.entries().stream().filter(e -> e.number() <= committed).toList();
      entries.forEach(e -> orders.add(new Audit.CommittedOrder(e.number(), e.name(), e.quantity(), e.key().wire())));
      // Each page starts after the last: an empty or final page ends the walk.
      if (entries.isEmpty() || entries.get(entries.size() - 1).number() >= committed) {
        return orders;
      }
      page = replica.log(entries.get(entries.size() - 1).number() + 1);
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
