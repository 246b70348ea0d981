package toystore.supervisor;

import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import toystore.client.JsonHttpClient;
import toystore.http.HttpError;
import toystore.model.ReplicaHealth;

/**
 * Collects what the consistency checker compares ({@code GET /audit} on the agent): the catalog's
 * stock ledger, every replica's health, and the committed order log, all read with the cluster
 * secret through the services' {@code /internal/} endpoints.
 */
public final class Auditor implements AutoCloseable {
  /** {@code GET /audit}'s data. */
  public record Report(List<LedgerEntry> catalog, List<ReplicaAudit> replicas, List<CommittedOrder> orders) {}

  /** One toy in the catalog's ledger: at rest, initial + restocked - sold = quantity. */
  public record LedgerEntry(
      String name, double price, long quantity, long initial, long restocked, long sold, long version) {}

  /** One order replica; the health fields are null when it is dead or does not answer. */
  public record ReplicaAudit(
      int id, String name, String url, boolean alive, Long lastOrder, String digest, String state, String role) {}

  /** One committed order with the idempotency key it was bought under. */
  public record CommittedOrder(long number, String name, int quantity, String key) {}

  /** An order replica's {@code GET /internal/log?from=N}. */
  public record LogPage(List<LogEntry> entries, long commitNumber, long lastNumber) {}

  public record LogEntry(long number, String name, int quantity, String key, long epoch) {}

  private static final Type LEDGER = Types.newParameterizedType(List.class, LedgerEntry.class);

  private final Supervisor supervisor;
  private final String catalogUrl;
  private final String clusterSecret;
  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(300), Duration.ofSeconds(10));

  public Auditor(Supervisor supervisor, String catalogUrl, String clusterSecret) {
    this.supervisor = supervisor;
    this.catalogUrl = catalogUrl;
    this.clusterSecret = clusterSecret;
  }

  /**
   * @throws HttpError 503 when the catalog or every order replica is unreachable: a partial audit
   *     would look like lost orders or stock
   */
  public Report audit() {
    List<Supervisor.ReplicaState> replicas = supervisor.replicas();
    List<ReplicaAudit> replicaAudits = replicas.stream().map(Auditor::replicaAudit).toList();
    Supervisor.ReplicaState source = logSource(replicas)
        .orElseThrow(() -> new HttpError(503, "no live order replica to read the order log from"));
    List<LedgerEntry> ledger;
    try {
      ledger = internal(catalogUrl).get(List.of("internal", "ledger"), LEDGER);
    } catch (IOException e) {
      throw new HttpError(503, "catalog ledger unavailable: " + e.getMessage());
    }
    try {
      return new Report(ledger, replicaAudits, committedOrders(source.url()));
    } catch (IOException e) {
      throw new HttpError(503, "order log of " + source.name() + " unavailable: " + e.getMessage());
    }
  }

  private static ReplicaAudit replicaAudit(Supervisor.ReplicaState replica) {
    ReplicaHealth health = replica.health();
    return health == null
        ? new ReplicaAudit(replica.id(), replica.name(), replica.url(), replica.alive(), null, null, null, null)
        : new ReplicaAudit(replica.id(), replica.name(), replica.url(), replica.alive(),
            health.lastOrder(), health.digest(), health.state(), health.role());
  }

  /** The current leader, or else the answering replica that has committed the most. */
  private static Optional<Supervisor.ReplicaState> logSource(List<Supervisor.ReplicaState> replicas) {
    List<Supervisor.ReplicaState> answering = replicas.stream().filter(r -> r.health() != null).toList();
    Optional<Supervisor.ReplicaState> leader = answering.stream()
        .filter(r -> "LEADER".equals(r.health().role()))
        .max(Comparator.comparingLong(r -> r.health().epoch()));
    return leader.or(() -> answering.stream().max(Comparator.comparingLong(r -> r.health().lastOrder())));
  }

  /** Pages through the log up to the commit number seen on the first page. */
  private List<CommittedOrder> committedOrders(String replicaUrl) throws IOException {
    JsonHttpClient replica = internal(replicaUrl);
    List<CommittedOrder> orders = new ArrayList<>();
    long from = 1;
    Long committed = null;
    // Every page either advances `from` or ends the loop, so this terminates; the bound is a guard.
    for (int pages = 0; pages < 1_000_000; pages++) {
      LogPage page = replica.call("GET", List.of("internal", "log"), Map.of("from", Long.toString(from)), null,
          Map.of(), LogPage.class);
      if (committed == null) {
        committed = page.commitNumber();
      }
      long last = from - 1;
      for (LogEntry entry : page.entries()) {
        if (entry.number() <= committed) {
          orders.add(new CommittedOrder(entry.number(), entry.name(), entry.quantity(), entry.key()));
        }
        last = Math.max(last, entry.number());
      }
      if (page.entries().isEmpty() || last >= committed || last < from) {
        return orders;
      }
      from = last + 1;
    }
    throw new IOException("order log paging did not end");
  }

  private JsonHttpClient internal(String url) {
    return new JsonHttpClient(http, url, clusterSecret);
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
