package toystore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import toystore.load.RequestFigures;
import toystore.load.RequestType;
import toystore.order.raft.RaftPeers;
import toystore.supervisor.ClusterLayout;
import toystore.supervisor.JavaCommand;
import toystore.supervisor.Ports;

/**
 * The Raft engine's yardstick (docs/DESIGN.md "The bare Ratis counter"): three {@link RatisCounterPeer}
 * JVMs on loopback with the order replicas' Ratis settings, and closed-loop writers incrementing
 * the counter ({@link CounterWriters}). What a Raft order cannot beat on this machine, this shows.
 * Each run is a {@link Measured} whose {@link RequestType#ORDER} figures are the increments, so it
 * sits beside the store's order runs in the same round.
 */
public final class RatisCounterBaseline implements AutoCloseable {
  public static final String ENGINE = "bare Ratis counter";
  static final int PEERS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);

  private final RaftPeers peers;
  private final Path dir;
  private final Consumer<String> progress;
  private final List<Process> processes = new ArrayList<>();
  private final CounterWriters writers;

  private RatisCounterBaseline(RaftPeers peers, Path dir, Consumer<String> progress) {
    this.peers = peers;
    this.dir = dir;
    this.progress = progress;
    this.writers = new CounterWriters(peers.group(RatisCounterPeer.GROUP));
  }

  /**
   * Starts the peers on {@code firstPort} to {@code firstPort + 2}, each with its Raft log under
   * {@code dir/ratis-counter-<id>/} and its output in {@code dir/ratis-counter-<id>.log} ({@code dir}
   * is made if need be), and returns once the counter has a leader. A run's failed increments are
   * reported to {@code progress}.
   */
  public static RatisCounterBaseline start(JavaCommand java, int firstPort, Path dir, Consumer<String> progress)
      throws IOException, InterruptedException {
    List<RaftPeers.Peer> list = new ArrayList<>();
    for (int id = 1; id <= PEERS; id++) {
      list.add(new RaftPeers.Peer(id, ClusterLayout.HOST, firstPort + id - 1));
    }
    RaftPeers peers = new RaftPeers(list);
    for (RaftPeers.Peer peer : list) {
      Ports.ensureFree(peer.host(), peer.port(), "ratis counter peer " + peer.id());
    }
    Files.createDirectories(dir);
    RatisCounterBaseline counter = new RatisCounterBaseline(peers, dir, progress);
    try {
      for (RaftPeers.Peer peer : list) {
        counter.processes.add(counter.startPeer(java, peer));
      }
      counter.awaitLeader();
      return counter;
    } catch (IOException | InterruptedException | RuntimeException e) {
      counter.close();
      throw e;
    }
  }

  /**
   * Starts the counter, warms it up with the most clients for {@code warmupMs}, measures each client
   * count for {@code measureMs} in the given order, and stops it.
   */
  public static List<OrderScaling.ClientRun> measure(JavaCommand java, int firstPort, Path dir,
      List<Integer> clients, long warmupMs, long measureMs, Consumer<String> progress)
      throws IOException, InterruptedException {
    try (RatisCounterBaseline counter = start(java, firstPort, dir, progress)) {
      counter.warmUp(Collections.max(clients), warmupMs);
      List<OrderScaling.ClientRun> runs = new ArrayList<>();
      for (int count : clients) {
        runs.add(new OrderScaling.ClientRun(count, counter.run(count, measureMs)));
      }
      return runs;
    }
  }

  /** Runs {@code clients} writers for {@code ms} and throws the figures away (JIT, the log's first segments). */
  public void warmUp(int clients, long ms) throws IOException, InterruptedException {
    reported(ENGINE + ", warm-up", clients, ms);
  }

  /** {@code clients} closed-loop writers for {@code ms}: increments/s and their latencies. */
  public Measured run(int clients, long ms) throws IOException, InterruptedException {
    double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String label = ENGINE + ", " + (clients == 1 ? "1 client" : clients + " clients");
    CounterWriters.Finished finished = reported(label, clients, ms);
    RequestFigures figures = finished.figures();
    return new Measured(label, ENGINE, 1, loadAverage, finished.loadMs(), figures.count(), 0, figures.errors(),
        figures.retries(), Math.toIntExact(finished.acknowledged()), 0, List.of(figures), null);
  }

  /** One run; its failed increments, if any, go to the progress lines with the first one's cause. */
  private CounterWriters.Finished reported(String label, int clients, long ms) throws IOException, InterruptedException {
    CounterWriters.Finished finished = writers.run(clients, ms);
    if (finished.firstFailure() != null) {
      progress.accept("  " + label + ": " + finished.figures().errors() + " of " + finished.figures().count()
          + " increments failed; the first: " + finished.firstFailure());
    }
    return finished;
  }

  /** e.g. {@code 412 writes/s, p50 31.20 ms p99 58.10 ms; 0 errors, 0 retries} (Bench.summary needs queries). */
  public static String summary(Measured m) {
    RequestFigures writes = m.figures(RequestType.ORDER);
    return String.format(Locale.ROOT, "%.0f writes/s, p50 %.2f ms p99 %.2f ms; %d errors, %d retries",
        m.perSecond(RequestType.ORDER), writes.p50Ms(), writes.p99Ms(), m.clientVisibleErrors(), m.clientRetries());
  }

  /** Every increment acknowledged since the start, warm-ups included. */
  long acknowledged() {
    return writers.acknowledged();
  }

  /**
   * The count on the leader, as far as it has applied its log (it applies an increment before it
   * acknowledges it). Not a linearizable read: over netty a follower cannot ask the leader for a read
   * index (Ratis's netty server lacks the asynchronous server protocol) and never answers one, while
   * a non-linearizable read sent to a follower is redirected to the leader at once.
   */
  long count() throws IOException, InterruptedException {
    return read(reader -> reader.async().sendReadOnlyNonLinearizable(CounterStateMachine.GET));
  }

  /** Each peer's count by id, as far as that peer has applied its log: a follower catches up a moment after the leader. */
  Map<Integer, Long> appliedCounts() throws IOException, InterruptedException {
    Map<Integer, Long> counts = new TreeMap<>();
    for (RaftPeers.Peer peer : peers.peers()) {
      RaftPeerId server = RaftPeers.peerId(peer.id());
      counts.put(peer.id(), read(reader -> reader.async().sendStaleRead(CounterStateMachine.GET, 0, server)));
    }
    return counts;
  }

  private long read(Function<RaftClient, CompletableFuture<RaftClientReply>> request)
      throws IOException, InterruptedException {
    // A client per read: a failed request closes an ordered client for good, and netty has no unordered one.
    try (RaftClient reader = writers.client(new LongAdder())) {
      RaftClientReply reply = request.apply(reader).get(CounterWriters.REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (!reply.isSuccess()) {
        throw new IOException("the counter did not answer GET: " + reply.getException());
      }
      return CounterStateMachine.count(reply.getMessage());
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the counter did not answer GET: " + e.getMessage(), e);
    }
  }

  private Process startPeer(JavaCommand java, RaftPeers.Peer peer) throws IOException {
    String name = "ratis-counter-" + peer.id();
    return new ProcessBuilder(java.command(RatisCounterPeer.class.getName(), List.of("--id",
            Integer.toString(peer.id()), "--peers", peers.spec(), "--storage", dir.resolve(name).toString())))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()))
        .start();
  }

  /**
   * Until every peer listens and a ready leader answers a read; a peer that exits fails the start at
   * once. Listening first: Ratis's client logs a stack trace for every connection refused.
   */
  private void awaitLeader() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          throw new IOException("ratis counter peer " + (i + 1) + " exited with status "
              + processes.get(i).exitValue() + "; see " + dir.resolve("ratis-counter-" + (i + 1) + ".log"));
        }
      }
      IOException notYet;
      if (peers.peers().stream().allMatch(RatisCounterBaseline::listening)) {
        try {
          count();
          return;
        } catch (IOException e) {
          notYet = e;
        }
      } else {
        notYet = new IOException("not every peer listens yet");
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the ratis counter had no leader within " + READY_TIMEOUT.toSeconds()
            + " s; see the ratis-counter-*.log files in " + dir, notYet);
      }
      Thread.sleep(100);
    }
  }

  /** Whether {@code peer} accepts a connection now; refused means "not yet". */
  private static boolean listening(RaftPeers.Peer peer) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(peer.host(), peer.port()), (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** SIGTERM to every peer, then SIGKILL after a grace period; returns once all are gone. */
  @Override
  public void close() throws InterruptedException {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
