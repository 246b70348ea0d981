package toystore.order.protocol;

import java.util.List;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * The order replica's protocol as a pure state machine: no threads, no clock, no network, no disk.
 * (API skeleton: the implementation is being written.)
 */
public final class Replica {
  public Replica(int id, List<Integer> peers, Restored restored, Timing timing, long now) {
    throw new UnsupportedOperationException("being written");
  }

  /** Handles one input at time {@code now} (nanoseconds on any monotonic clock); returns what to do, in order. */
  public List<Effect> handle(Input input, long now) {
    throw new UnsupportedOperationException("being written");
  }

  /** A committed order, or why it cannot be given: Found, NotLeader, NotFound or NoMajority. */
  public Outcome read(long number, long now) {
    throw new UnsupportedOperationException("being written");
  }

  /** Up to {@code max} entries of the log (committed or not) from {@code from} on. */
  public Messages.LogPage logPage(long from, int max) {
    throw new UnsupportedOperationException("being written");
  }

  public ReplicaView view(long now) {
    throw new UnsupportedOperationException("being written");
  }

  /** The chained digest of the log up to {@code number} (equal on two replicas exactly when their logs are). */
  public String digestAt(long number) {
    throw new UnsupportedOperationException("being written");
  }

  /** Entry {@code number} of the log (committed or not), or null. */
  public Entry entry(long number) {
    throw new UnsupportedOperationException("being written");
  }
}
