package toystore.chaos;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import toystore.client.AgentClient;
import toystore.client.ApiException;
import toystore.model.Partition;

/**
 * Whether the agent can make partitions: it needs root for its iptables rules and answers 501 with
 * the reason without it (API.md §4). The one place that reads that answer.
 */
public final class Partitions {
  private static final int NOT_IMPLEMENTED = 501;

  private Partitions() {}

  /** The agent's reason when it cannot make partitions, else empty. */
  public static Optional<String> refusal(AgentClient agent) throws IOException {
    try {
      agent.partitions();
      return Optional.empty();
    } catch (ApiException e) {
      if (e.status() == NOT_IMPLEMENTED) {
        return Optional.of(e.getMessage() + " (HTTP 501)");
      }
      throw e;
    }
  }

  /** The partitions in force; none when the agent cannot make any. */
  public static List<Partition> inForce(AgentClient agent) throws IOException {
    try {
      return agent.partitions();
    } catch (ApiException e) {
      if (e.status() == NOT_IMPLEMENTED) {
        return List.of();
      }
      throw e;
    }
  }
}
