package toystore.check;

import java.util.List;
import java.util.Locale;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;

/**
 * What the checker found, over the last audit it took.
 *
 * @param acknowledgedOrders how many acknowledged orders (from a load report) were compared
 */
public record CheckResult(List<Violation> violations, Audit audit, int acknowledgedOrders) {
  private static final int MAX_LISTED = 50;

  public boolean passed() {
    return violations.isEmpty();
  }

  /** {@code CHECK PASSED: …} or {@code CHECK FAILED: N violations}. */
  public String verdictLine() {
    if (!passed()) {
      return "CHECK FAILED: " + violations.size() + (violations.size() == 1 ? " violation" : " violations");
    }
    List<ReplicaStatus> live = audit.replicas().stream().filter(ReplicaStatus::alive).toList();
    ReplicaStatus first = live.get(0);
    return String.format(
        Locale.ROOT,
        "CHECK PASSED: %d acknowledged orders committed and read back identical; orders 1..%d unique with no gaps;"
            + " stock conserved for %d toys; %d live replicas at order %d with digest %s",
        acknowledgedOrders, audit.orders().size(), audit.catalog().size(), live.size(), first.lastOrder(),
        abbreviate(first.digest()));
  }

  /** The verdict line, then each violation (the first few dozen). */
  public String render() {
    StringBuilder out = new StringBuilder(verdictLine()).append('\n');
    violations.stream().limit(MAX_LISTED).forEach(v -> out.append("  - ").append(v).append('\n'));
    if (violations.size() > MAX_LISTED) {
      out.append("  … and ").append(violations.size() - MAX_LISTED).append(" more\n");
    }
    return out.toString();
  }

  private static String abbreviate(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) + "…" : digest;
  }
}
