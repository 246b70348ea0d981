package toystore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import toystore.order.raft.RaftPeers;
import toystore.order.raft.RaftSettings;

/**
 * One peer of the bench's bare Ratis counter (docs/DESIGN.md "The bare Ratis counter"): a Ratis
 * server with the order replicas' settings ({@link RaftSettings#standard()}: netty, fsync on, their
 * timeouts) and a {@link CounterStateMachine}. Runs as its own JVM, as an order replica does.
 */
@Command(name = "ratis-counter-peer", mixinStandardHelpOptions = true,
    description = "One peer of a bare Ratis counter (the benchmark's Raft baseline).")
public final class RatisCounterPeer implements Callable<Integer> {
  /** Not the order replicas' group: the counter is a Raft group of its own. */
  static final RaftGroupId GROUP = RaftGroupId.valueOf(
      UUID.nameUUIDFromBytes("toystore-bench-ratis-counter".getBytes(StandardCharsets.UTF_8)));

  @Option(names = "--id", required = true, description = "this peer's id in --peers")
  private int id;

  @Option(names = "--peers", required = true, description = "every peer, e.g. 1=127.0.0.1:10001,2=127.0.0.1:10002")
  private String peers;

  @Option(names = "--storage", required = true, description = "directory of this peer's Raft log and snapshots")
  private Path storage;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RatisCounterPeer()).execute(args));
  }

  /** Serves until the process is stopped. */
  @Override
  public Integer call() throws IOException, InterruptedException {
    RaftPeers group;
    try {
      group = RaftPeers.parse(peers);
    } catch (IllegalArgumentException e) {
      System.err.println("ratis-counter-peer: " + e.getMessage());
      return 2;
    }
    RaftPeers.Peer me = group.peer(id).orElse(null);
    if (me == null) {
      System.err.println("ratis-counter-peer: peer " + id + " is not in --peers " + peers);
      return 2;
    }
    RaftServer server = RaftServer.newBuilder()
        .setServerId(RaftPeers.peerId(id))
        .setGroup(group.group(GROUP))
        .setProperties(RaftSettings.standard().properties(storage, me))
        .setStateMachine(new CounterStateMachine())
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    server.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (IOException e) {
        System.err.println("ratis-counter-peer: " + id + " did not close cleanly: " + e.getMessage());
      }
      stopped.countDown();
    }, "ratis-counter-stop"));
    System.out.println("ratis-counter-peer: " + id + " on " + me.host() + ":" + me.port());
    stopped.await();
    return 0;
  }
}
