package toystore.frontend;

import java.io.IOException;
import java.time.Duration;
import toystore.client.ApiException;
import toystore.client.ReplicaClient;
import toystore.http.HttpError;
import toystore.model.Order;
import toystore.wire.order.Messages;

/**
 * Sends orders and order lookups to the leader, and rides out a leader change: a dead or deposed
 * leader is reported to the {@link LeaderSource} (the lab election or the Raft leader finder) and
 * the request retried (same idempotency key) on the next one until the retry deadline. Only then
 * does the client see a 503.
 */
final class OrderForwarder {
  private static final Duration BACKOFF = Duration.ofMillis(20);

  private final LeaderSource selector;
  private final Duration retryDeadline;

  OrderForwarder(LeaderSource selector, Duration retryDeadline) {
    this.selector = selector;
    this.retryDeadline = retryDeadline;
  }

  Messages.OrderPlaced place(Messages.PlaceOrder order) {
    long deadline = System.nanoTime() + retryDeadline.toNanos();
    String lastProblem = "no order replica can lead";
    do {
      ReplicaClient leader = null;
      try {
        leader = selector.leader();
        return leader.placeOrder(order);
      } catch (LeaderSource.NoLeader e) {
        lastProblem = e.getMessage();
      } catch (ApiException e) {
        if (e.status() < 500 && e.status() != 421) {
          throw new HttpError(e.status(), e.getMessage());
        }
        lastProblem = e.getMessage();
        if (e.status() == 421) {
          selector.leaderFailed(leader, "it says it is not the leader");
        }
      } catch (IOException e) {
        // Also a call cancelled because the selector gave this leader up: retried on the next one.
        lastProblem = "leader did not answer";
        selector.leaderFailed(leader, "an order call failed: " + e.getMessage());
      }
      pause();
    } while (System.nanoTime() < deadline);
    throw new HttpError(503, "order service unavailable (" + lastProblem
        + "); the outcome is unknown: repeat the request with the same Idempotency-Key");
  }

  Order lookup(long number) {
    long deadline = System.nanoTime() + retryDeadline.toNanos();
    do {
      ReplicaClient leader = null;
      try {
        leader = selector.leader();
        return leader.order(number);
      } catch (LeaderSource.NoLeader e) {
        Order held = fromAnyReplica(number);
        if (held != null) {
          return held;
        }
      } catch (ApiException e) {
        if (e.status() == 404) {
          throw new HttpError(404, "order not found");
        }
        if (e.status() == 421) {
          selector.leaderFailed(leader, "it says it is not the leader");
        }
      } catch (IOException e) {
        selector.leaderFailed(leader, "a lookup failed: " + e.getMessage());
      }
      pause();
    } while (System.nanoTime() < deadline);
    throw new HttpError(503, "cannot confirm whether order " + number
        + " exists: too few order replicas are reachable");
  }

  /** Without a leader, any replica that knows the order is committed can still show it. */
  private Order fromAnyReplica(long number) {
    for (ReplicaClient replica : selector.liveReplicas()) {
      try {
        return replica.order(number);
      } catch (IOException e) {
        // This replica cannot vouch for the order; ask the next one.
      }
    }
    return null;
  }

  private static void pause() {
    try {
      Thread.sleep(BACKOFF.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpError(503, "interrupted");
    }
  }
}
