package toystore.order.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.util.TimeDuration;
import toystore.cli.ToyStore;
import toystore.client.ApiException;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;
import toystore.model.ReplicaHealth;
import toystore.model.Role;
import toystore.supervisor.Deadline;
import toystore.supervisor.FreePorts;
import toystore.supervisor.JavaCommand;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A catalog and three order replicas in {@code raft} mode as child JVMs started directly (not through
 * the supervisor), each with its output in a file of its own, killed with SIGKILL or frozen with
 * SIGSTOP. A frozen replica is left out of {@link #alive()} and {@link #place}, as a frontend that
 * gave it up would leave it out: a call to it would hang until it is resumed.
 */
final class RaftReplicas implements AutoCloseable {
  static final String SECRET = "raft-test-secret";
  static final int REPLICAS = 3;

  private final Path dir;
  private final FreePorts.Block ports;
  private final Map<Integer, Process> replicas = new ConcurrentHashMap<>();
  private final Set<Integer> frozen = ConcurrentHashMap.newKeySet();
  private final OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(500), Duration.ofSeconds(6));
  private Process catalog;

  RaftReplicas(Path dir) {
    this.dir = dir;
    this.ports = FreePorts.reserve(1 + 2 * REPLICAS);
  }

  int catalogPort() {
    return ports.base();
  }

  int httpPort(int id) {
    return ports.base() + id;
  }

  int raftPort(int id) {
    return ports.base() + REPLICAS + id;
  }

  String replicaList() {
    List<String> parts = new ArrayList<>();
    for (int id = 1; id <= REPLICAS; id++) {
      parts.add(id + "=http://127.0.0.1:" + httpPort(id));
    }
    return String.join(",", parts);
  }

  String raftPeers() {
    List<String> parts = new ArrayList<>();
    for (int id = 1; id <= REPLICAS; id++) {
      parts.add(id + "=127.0.0.1:" + raftPort(id));
    }
    return String.join(",", parts);
  }

  RaftReplicas startAll() throws IOException {
    catalog = start("catalog", "catalog", "--port", Integer.toString(catalogPort()), "--data-dir", dir.toString(),
        "--frontend-url", "http://127.0.0.1:1");
    for (int id = 1; id <= REPLICAS; id++) {
      startReplica(id);
    }
    Deadline.await(Duration.ofSeconds(30), "every replica answering /health", () -> alive().size() == REPLICAS);
    return this;
  }

  void startReplica(int id) throws IOException {
    replicas.put(id, start("order-" + id, "order", "--id", Integer.toString(id), "--port",
        Integer.toString(httpPort(id)), "--data-dir", dir.toString(), "--replicas", replicaList(),
        "--catalog-url", "http://127.0.0.1:" + catalogPort(), "--replication", "raft", "--raft-peers", raftPeers()));
  }

  /**
   * Runs replica {@code id} alone on {@code dataDir} with {@code engine} and waits for it to exit,
   * as it does when it refuses to start (its output in {@link #output}{@code (name)}): its exit code.
   */
  int exitOf(String name, Path dataDir, int id, String engine) throws IOException, InterruptedException {
    Process p = start(name, "order", "--id", Integer.toString(id), "--port", Integer.toString(httpPort(id)),
        "--data-dir", dataDir.toString(), "--replicas", replicaList(), "--catalog-url",
        "http://127.0.0.1:" + catalogPort(), "--replication", engine, "--raft-peers", raftPeers());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(name + " did not exit within 60 s");
    }
    return p.exitValue();
  }

  private Process start(String name, String... args) throws IOException {
    JavaCommand java = JavaCommand.current();
    List<String> command = new ArrayList<>(List.of(java.executable(), "-Xmx192m", "-XX:+UseSerialGC",
        "-cp", java.classPath(), ToyStore.class.getName()));
    command.addAll(List.of(args));
    Path out = output(name);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
    builder.environment().keySet().removeIf(n -> n.startsWith("TOYSTORE_"));
    builder.environment().put("TOYSTORE_CLUSTER_SECRET", SECRET);
    return builder.start();
  }

  Path output(String name) {
    return dir.resolve(name + ".out");
  }

  String log(int id) throws IOException {
    return Files.readString(output("order-" + id));
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill(int id) {
    Process p = replicas.remove(id);
    p.destroyForcibly();
    Deadline.await(Duration.ofSeconds(10), "order-" + id + " gone", () -> !p.isAlive());
  }

  /** SIGSTOP. */
  void pause(int id) throws IOException, InterruptedException {
    frozen.add(id);
    signal("STOP", id);
  }

  /** SIGCONT. */
  void resume(int id) throws IOException, InterruptedException {
    signal("CONT", id);
    frozen.remove(id);
  }

  private void signal(String signal, int id) throws IOException, InterruptedException {
    long pid = replicas.get(id).pid();
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " (order-" + id + ") failed");
    }
  }

  /** A plain Ratis client of the group, as any local process could make one: Ratis's port is not authenticated. */
  RaftClient raftClient() {
    RaftProperties properties = new RaftProperties();
    RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
    return RaftClient.newBuilder().setProperties(properties)
        .setRaftGroup(RaftPeers.parse(raftPeers()).group())
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(10, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
        .build();
  }

  CatalogClient catalog() {
    return new CatalogClient(http, "http://127.0.0.1:" + catalogPort(), SECRET);
  }

  /** Replica {@code id}'s whole order log, keys included, page by page. */
  List<Entry> entries(int id) throws IOException {
    List<Entry> all = new ArrayList<>();
    while (true) {
      Messages.LogPage page = client(id).log(all.size() + 1);
      if (page.entries().isEmpty()) {
        return all;
      }
      all.addAll(page.entries());
    }
  }

  /**
   * Whether the catalog's ledger balances against replica {@code id}'s log (docs/API.md §3.4): for
   * every toy {@code initial + restocked - sold == quantity}, and {@code sold} is what the orders hold.
   */
  boolean stockMatchesOrders(int id) throws IOException {
    Map<String, Long> ordered = new java.util.HashMap<>();
    for (Entry e : entries(id)) {
      ordered.merge(e.name(), (long) e.quantity(), Long::sum);
    }
    return catalog().ledger().stream().allMatch(row -> row.initial() + row.restocked() - row.sold() == row.quantity()
        && row.sold() == ordered.getOrDefault(row.name(), 0L));
  }

  ReplicaClient client(int id) {
    return new ReplicaClient(http, new ReplicaAddress(id, "http://127.0.0.1:" + httpPort(id)), SECRET);
  }

  Optional<ReplicaHealth> health(int id) {
    try {
      return Optional.of(client(id).health());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The ids of the running replicas, not frozen, that answer /health. */
  List<Integer> alive() {
    return running().stream().filter(id -> health(id).isPresent()).toList();
  }

  private List<Integer> running() {
    return replicas.keySet().stream().filter(id -> !frozen.contains(id)).sorted().toList();
  }

  /** The replica that says it leads and has taken over its term (state UP), if any. */
  Optional<Integer> leader() {
    return alive().stream().filter(id -> health(id)
        .filter(h -> h.role() == Role.LEADER && h.state() == toystore.model.State.UP).isPresent()).findFirst();
  }

  int awaitLeader(Duration limit) {
    Deadline.await(limit, "a Raft leader that takes orders", () -> leader().isPresent());
    return leader().orElseThrow();
  }

  /** Places an order on whichever replica leads, as the frontend would: follows 421, retries 503. */
  Messages.OrderPlaced place(Messages.PlaceOrder order, Duration limit) throws IOException, InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    IOException last = null;
    while (System.nanoTime() < end) {
      for (int id : running()) {
        try {
          return client(id).placeOrder(order);
        } catch (ApiException e) {
          if (e.status() != 421 && e.status() != 503) {
            throw e;
          }
          last = e;
        } catch (IOException e) {
          last = e;
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("no replica placed the order within " + limit.toSeconds() + " s", last);
  }

  @Override
  public void close() throws IOException {
    replicas.values().forEach(Process::destroyForcibly);
    if (catalog != null) {
      catalog.destroyForcibly();
    }
    for (Process p : replicas.values()) {
      Deadline.await(Duration.ofSeconds(10), "a replica gone", () -> !p.isAlive());
    }
    ports.close();
  }
}
