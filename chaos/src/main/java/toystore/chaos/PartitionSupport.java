package toystore.chaos;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import toystore.client.AgentClient;
import toystore.client.ApiException;
import toystore.model.Partition;

/**
 * Whether the agent can make partitions: it needs root for its iptables rules and answers 501 with
 * the reason without it (API.md §4); an agent from before the partition routes answers 404. Either
 * way it has none in force. The one place that reads those answers.
 */
public final class PartitionSupport {
  private static final int NOT_FOUND = 404;
  private static final int NOT_IMPLEMENTED = 501;

  private PartitionSupport() {}

  /** The agent's reason when it cannot make partitions, else empty. */
  public static Optional<String> refusal(AgentClient agent) throws IOException {
    try {
      agent.partitions();
      return Optional.empty();
    } catch (ApiException e) {
      if (cannotPartition(e)) {
        return Optional.of(e.getMessage() + " (HTTP " + e.status() + ")");
      }
      throw e;
    }
  }

  /** The partitions in force; none when the agent cannot make any. */
  public static List<Partition> inForce(AgentClient agent) throws IOException {
    try {
      return agent.partitions();
    } catch (ApiException e) {
      if (cannotPartition(e)) {
        return List.of();
      }
      throw e;
    }
  }

  private static boolean cannotPartition(ApiException e) {
    return e.status() == NOT_IMPLEMENTED || e.status() == NOT_FOUND;
  }
}
