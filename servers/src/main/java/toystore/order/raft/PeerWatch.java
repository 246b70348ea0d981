package toystore.order.raft;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once per outage that the leader has not heard from a Raft peer, and once that it answers
 * again, as the lab leader does (docs/DESIGN.md "Raft engine"). Ratis's own connection errors, a
 * stack trace per retry several times a second, are not logged (service-kit's logback.xml).
 */
final class PeerWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerWatch.class);
  private static final Duration EVERY = Duration.ofSeconds(1);

  private final int id;
  /** Silent for longer than this: down, frozen or cut off (a heartbeat is due many times over). */
  private final Duration silence;
  private final Supplier<DivisionInfo> info;
  private final ScheduledExecutorService thread;
  /** The peers said to be silent in the current leadership; only the watch's thread touches it. */
  private final Set<Integer> silent = new HashSet<>();

  PeerWatch(int id, Duration silence, Supplier<DivisionInfo> info) {
    this.id = id;
    this.silence = silence;
    this.info = info;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "replica-" + id + "-peer-watch");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A scheduled task that throws is never run again, so nothing may escape unsaid. */
  private void look() {
    try {
      lookOnce();
    } catch (RuntimeException e) {
      log.warn("replica {}: cannot read the Raft leader's view of its peers: {}", id, e.toString());
    }
  }

  private void lookOnce() {
    DivisionInfo now = info.get();
    if (now == null || !now.isLeader()) {
      silent.clear();
      return;
    }
    for (ServerRpcProto follower : now.getRoleInfoProto().getLeaderInfo().getFollowerInfoList()) {
      Integer peer = RaftPeers.replicaId(RaftPeerId.valueOf(follower.getId().getId()));
      long quiet = follower.getLastRpcElapsedTimeMs();
      if (peer == null) {
        continue;
      }
      if (quiet > silence.toMillis() && silent.add(peer)) {
        log.info("replica {}: Raft peer {} has not answered for {} ms; Ratis keeps retrying it", id, peer, quiet);
      } else if (quiet <= silence.toMillis() && silent.remove(peer)) {
        log.info("replica {}: Raft peer {} answers again", id, peer);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(5, TimeUnit.SECONDS);
  }
}
