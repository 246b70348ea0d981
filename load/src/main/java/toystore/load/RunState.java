package toystore.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What every client of one run records into; safe to read while they write. */
final class RunState {
  private final Map<RequestType, LatencyStats> stats = new EnumMap<>(RequestType.class);
  private final Queue<AckedOrder> orders = new ConcurrentLinkedQueue<>();
  private final Queue<ClientError> errors = new ConcurrentLinkedQueue<>();
  private final Queue<Mismatch> mismatches = new ConcurrentLinkedQueue<>();
  private final AtomicLong iterations = new AtomicLong();
  private final AtomicLong outOfStock = new AtomicLong();
  private final AtomicInteger clientsLoading;
  private volatile boolean stopRequested;

  RunState(int clients) {
    for (RequestType type : RequestType.values()) {
      stats.put(type, new LatencyStats(type));
    }
    clientsLoading = new AtomicInteger(clients);
  }

  LatencyStats stats(RequestType type) {
    return stats.get(type);
  }

  void iterationDone() {
    iterations.incrementAndGet();
  }

  void acknowledged(AckedOrder order) {
    orders.add(order);
  }

  void outOfStock() {
    outOfStock.incrementAndGet();
  }

  void error(ClientError error) {
    errors.add(error);
  }

  void mismatch(Mismatch mismatch) {
    mismatches.add(mismatch);
  }

  void requestStop() {
    stopRequested = true;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  void clientDoneLoading() {
    clientsLoading.decrementAndGet();
  }

  boolean loading() {
    return clientsLoading.get() > 0;
  }

  long iterations() {
    return iterations.get();
  }

  long outOfStockCount() {
    return outOfStock.get();
  }

  long ordersAcknowledged() {
    return orders.size();
  }

  long errorCount() {
    return errors.size();
  }

  List<RequestFigures> figures(long elapsedNanos) {
    return stats.values().stream().map(s -> s.figures(elapsedNanos)).toList();
  }

  List<IntervalFigures> takeIntervals() {
    return stats.values().stream().map(LatencyStats::takeInterval).toList();
  }

  List<AckedOrder> ordersByNumber() {
    List<AckedOrder> sorted = new ArrayList<>(orders);
    sorted.sort(Comparator.comparingLong(AckedOrder::number));
    return sorted;
  }

  List<ClientError> errorsByTime() {
    List<ClientError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingLong(ClientError::atMs));
    return sorted;
  }

  List<Mismatch> mismatches() {
    return List.copyOf(mismatches);
  }
}
