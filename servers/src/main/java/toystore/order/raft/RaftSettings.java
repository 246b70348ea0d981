package toystore.order.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * How the order replicas configure Ratis, with the reasons in docs/DESIGN.md "Raft engine".
 *
 * @param electionMin the shortest time a follower waits without hearing from its leader before it
 *     stands for election (Ratis's default is 150 ms; pauses of 0.3-1.1 s on a loaded 2-core box made
 *     300 and 400 ms flap, docs/DESIGN.md "Raft engine")
 * @param electionMax the longest such wait; the spread keeps two candidates from colliding
 * @param readTimeout how long a read waits for a majority to confirm the leader (read index)
 * @param snapshotEvery applied entries between two snapshots, after which the log is purged up to
 *     what every peer has committed
 */
public record RaftSettings(Duration electionMin, Duration electionMax, Duration readTimeout, long snapshotEvery) {
  /** Everything in the store's Raft log segment files: small, since orders are ~100 bytes. */
  static final SizeInBytes SEGMENT = SizeInBytes.valueOf("8MB");

  public static RaftSettings standard() {
    return new RaftSettings(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofSeconds(1), 10_000);
  }

  RaftProperties properties(Path storage, RaftPeers.Peer self) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
    RaftServerConfigKeys.setStorageDir(p, List.of(storage.toFile()));
    NettyConfigKeys.Server.setHost(p, self.host());
    NettyConfigKeys.Server.setPort(p, self.port());
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(electionMin));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(electionMax));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, millis(electionMin));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, millis(electionMax));
    // A leader cut off from the majority gives up within two election timeouts, failing what it holds.
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, millis(electionMax.multipliedBy(2)));
    RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
    // Reads go through the leader's read index: a deposed leader cannot answer from a stale log.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setTimeout(p, millis(readTimeout));
    // Every append is on disk before it counts (the defaults, stated: an order is durable on a majority).
    RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SEGMENT);
    // The database is the snapshot and has no files to send: a lagging follower gets log, never a
    // snapshot, and the log is purged only up to what every peer has committed.
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, false);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotEvery);
    return p;
  }

  private static TimeDuration millis(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
