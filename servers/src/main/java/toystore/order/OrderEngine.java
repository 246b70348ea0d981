package toystore.order;

import java.sql.SQLException;
import java.util.List;
import toystore.model.ReplicaHealth;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.ReplicaView;
import toystore.wire.order.Messages;
import toystore.wire.order.ViewChangeReport;

/**
 * What the order service's HTTP face asks of a replication engine: place an order exactly once,
 * read a committed one, the replica's health (role, epoch, last order, digest), pages of its log
 * for catch-up and audits, and the view changes (raft: terms) it led for the dashboard. The lab protocol ({@link ReplicaNode}) is one engine; a Raft engine can be
 * another, and the frontend, the tools and every reply stay the same. An engine's own peer routes
 * (the lab protocol's lead, join and append) are not part of it.
 */
public interface OrderEngine extends AutoCloseable {
  /** Placed once its order is committed on a majority, or why not (docs/API.md §3). */
  Outcome place(Messages.PlaceOrder order) throws InterruptedException;

  /** Found, NotLeader, NotFound or NoMajority. */
  Outcome read(long number);

  ReplicaHealth health();

  /** What a scrape shows (role, epoch, commit number, lag): read, changing nothing. */
  ReplicaView view();

  Messages.LogPage logPage(long from, LogReader reader);

  /** The last 16 view changes (raft: terms) this replica led, oldest first (docs/API.md §4). */
  List<ViewChangeReport> viewChanges();

  @Override
  void close() throws SQLException, InterruptedException;
}
