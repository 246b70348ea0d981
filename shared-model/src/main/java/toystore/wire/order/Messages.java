package toystore.wire.order;

import java.util.List;
import toystore.model.IdempotencyKey;
import toystore.model.OrderRequest;
import toystore.wire.catalog.CatalogItem;

/** The order replicas' internal wire messages (all under {@code /internal/}, cluster secret required). */
public final class Messages {
  private Messages() {}

  /** Frontend → candidate: become leader of {@code epoch}. */
  public record Lead(long epoch) {}

  /** Candidate → peer: join {@code epoch} under {@code leader}; refuse everything older from now on. */
  public record Join(long epoch, int leader) {}

  /** Peer → candidate: what its log looks like. */
  public record Joined(long lastNormalEpoch, long lastNumber, long commitNumber) {}

  /**
   * Leader → follower: entries {@code from}, {@code from+1}, … (possibly none: a heartbeat), the
   * leader's commit number, and {@code epochStart}: the last number of the log the leader adopted
   * when its epoch began. A follower joins the epoch only once it holds at least that much.
   */
  public record Append(long epoch, int leader, long from, List<Entry> entries, long commitNumber, long epochStart) {}

  /**
   * Follower → leader: {@code ok} with the follower's last number, or {@code needFrom} the first number
   * the follower needs, or {@code epoch} higher than the leader's when the leader is stale.
   */
  public record Appended(boolean ok, long epoch, long lastNumber, long needFrom) {}

  /** Frontend → leader: place an order under an idempotency key. */
  public record PlaceOrder(String name, int quantity, IdempotencyKey key) {
    /** The order itself, for {@link OrderRequest#sameOrderAs} against what a key already bought. */
    public OrderRequest request() {
      return new OrderRequest(name, quantity);
    }
  }

  /** Leader → frontend: the committed order and the toy after its purchase (for the cache). */
  public record OrderPlaced(long number, String name, int quantity, CatalogItem item) {}

  /** A page of a replica's log, for catch-up and audits. */
  public record LogPage(List<Entry> entries, long commitNumber, long lastNumber) {}
}
