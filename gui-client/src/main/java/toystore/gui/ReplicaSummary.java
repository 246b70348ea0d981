package toystore.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import toystore.gui.ServiceView.Health;
import toystore.model.Role;

/**
 * One replica's line above its log column: its epoch (the Raft term in raft mode), commit number,
 * how many entries it has committed fewer than the leader, and its state. The commit number is its
 * log page's when read (what the column shows), else its last {@code /status} number.
 *
 * @param lag null while neither its nor the leader's commit number is known
 */
record ReplicaSummary(String name, Role role, Health health, boolean paused, boolean isolated, Long epoch,
                      Long commitNumber, Long lag) {

  /** {@code UP}, {@code SYNCING}, {@code DOWN} or {@code UNKNOWN}, with {@code paused} and {@code isolated} added. */
  String stateText() {
    StringBuilder text = new StringBuilder(health.name());
    if (paused) {
      text.append(" · paused");
    }
    if (isolated) {
      text.append(" · isolated");
    }
    return text.toString();
  }

  /**
   * A line per replica, in the order of {@code replicas}; the lag is behind the leader's commit
   * number, else (no leader known) behind the highest commit number seen.
   */
  static List<ReplicaSummary> of(List<ServiceView> replicas, List<ReplicaLog> logs) {
    Map<String, ReplicaLog> logByName = logs.stream()
        .collect(Collectors.toMap(ReplicaLog::name, Function.identity(), (a, b) -> a));
    List<Long> commits = new ArrayList<>();
    Long leaderCommit = null;
    for (ServiceView replica : replicas) {
      Long commit = commitNumber(replica, logByName.get(replica.name()));
      commits.add(commit);
      if (replica.isLeader() && commit != null) {
        leaderCommit = commit;
      }
    }
    Long reference = leaderCommit != null ? leaderCommit
        : commits.stream().filter(c -> c != null).max(Long::compare).orElse(null);
    List<ReplicaSummary> lines = new ArrayList<>();
    for (int i = 0; i < replicas.size(); i++) {
      ServiceView replica = replicas.get(i);
      Long commit = commits.get(i);
      Long lag = commit == null || reference == null ? null : Math.max(0, reference - commit);
      lines.add(new ReplicaSummary(replica.name(), replica.role(), replica.health(), replica.paused(),
          replica.isolated(), replica.epoch(), commit, lag));
    }
    return lines;
  }

  /** A paused or dead replica keeps the last commit number the frontend saw: its lag then grows. */
  private static Long commitNumber(ServiceView replica, ReplicaLog log) {
    return log != null && log.readable() ? log.commitNumber() : replica.lastOrder();
  }
}
