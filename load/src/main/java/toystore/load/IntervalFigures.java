package toystore.load;

/**
 * One request type's latencies and client-visible errors over one interval (the time since the
 * previous interval was taken), so a failover spike shows as a spike and is gone once requests are
 * fast again, where whole-run percentiles would flatten it. {@code count} includes the failed
 * requests ({@code errors}).
 */
public record IntervalFigures(RequestType type, long count, long errors, double p50Ms, double p99Ms) {}
