package toystore.order.raft;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.server.DivisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link LeaderTerms} what Ratis says of this replica's leadership (docs/DESIGN.md "Raft
 * engine"): its election and its step-down, from the state machine's notifications, and when it
 * last heard from its leader while a follower. Ratis notifies no heartbeat, so that is read off
 * the follower's state every {@link #EVERY}: shorter than the minimum election timeout, so the last
 * sample taken while following is after the leader's last word, whose time it gives exactly.
 */
final class LeadershipWatch implements OrderStateMachine.Leadership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeadershipWatch.class);
  static final Duration EVERY = Duration.ofMillis(100);

  private final int id;
  private final Supplier<DivisionInfo> info;
  private final LeaderTerms terms;
  private final ScheduledExecutorService thread;
  private boolean failing;

  /** {@code info}: this replica's Raft state, or null while it is out of Raft; not read before {@link #start}. */
  LeadershipWatch(int id, Supplier<DivisionInfo> info, LeaderTerms terms) {
    this.id = id;
    this.info = info;
    this.terms = terms;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "replica-" + id + "-leadership-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /** Once the Raft server is up. */
  void start() {
    thread.scheduleWithFixedDelay(this::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** On Ratis's thread, inside its change to leader: nothing may escape into it, and nothing blocks. */
  @Override
  public void elected() {
    try {
      DivisionInfo now = info.get();
      if (now != null) {
        terms.elected(now.getCurrentTerm());
      }
    } catch (RuntimeException e) {
      log.warn("replica {}: cannot note its election for its view changes: {}", id, e.toString());
    }
  }

  /** On Ratis's thread, as it steps down: as above. */
  @Override
  public void steppedDown() {
    try {
      terms.steppedDown();
    } catch (RuntimeException e) {
      log.warn("replica {}: cannot note its step-down for its view changes: {}", id, e.toString());
    }
  }

  /**
   * A scheduled task that throws is never run again, so nothing may escape unsaid; said once per
   * run of failures, as it runs ten times a second. Only the watch's thread runs it.
   */
  private void look() {
    try {
      DivisionInfo now = info.get();
      // One read of the role: asked apart, a move to candidate between them reads as a follower that just heard.
      RoleInfoProto role = now == null ? null : now.getRoleInfoProto();
      if (role != null && role.getRole() == RaftPeerRole.FOLLOWER && role.hasFollowerInfo()
          && role.getFollowerInfo().getLeaderInfo().hasId()) {
        terms.heardFromLeader(role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs());
      }
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("replica {}: cannot read when it last heard from its Raft leader: {}", id, e.toString());
      }
      failing = true;
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(5, TimeUnit.SECONDS);
  }
}
