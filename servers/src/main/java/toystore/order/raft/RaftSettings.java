package toystore.order.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  /** A JVM pause after which Ratis would close the server: none that a replica survives. */
  static final TimeDuration NEVER_CLOSE = TimeDuration.valueOf(3650, TimeUnit.DAYS);

  public static RaftSettings standard() {
    return new RaftSettings(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofSeconds(1), 10_000);
  }

  /** A peer's Ratis configuration; the bench's bare Ratis counter runs on it too, to compare like with like. */
  public RaftProperties properties(Path storage, RaftPeers.Peer self) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
    RaftServerConfigKeys.setStorageDir(p, List.of(storage.toFile()));
    NettyConfigKeys.Server.setHost(p, self.host());
    NettyConfigKeys.Server.setPort(p, self.port());
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(electionMin));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(electionMax));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, millis(electionMin));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, millis(electionMax));
    // Not how soon a leader without a majority steps down (Ratis does after one maximum timeout
    // without heartbeat answers from a majority): after a JVM pause longer than this a leader steps
    // down (the others have likely elected another), and a leader that stepped down for lost
    // heartbeats stands for no election for this long.
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, millis(electionMax.multipliedBy(2)));
    // Ratis closes the whole server for good after a JVM pause longer than this (default 60 s): a
    // replica frozen that long (SIGSTOP, swapped out) must come back as a peer, as from a shorter one.
    RaftServerConfigKeys.setCloseThreshold(p, NEVER_CLOSE);
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
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
