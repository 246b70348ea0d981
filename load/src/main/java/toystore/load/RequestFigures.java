package toystore.load;

/**
 * The figures of one request type. {@code count} is every request that finished (a 409 "out of
 * stock" is a normal answer), {@code errors} those that failed as the client saw them after its
 * own retries, {@code retries} the extra attempts that hid a failure. Latencies are what the client
 * waited, retries included, in milliseconds; throughput is {@code count} per second of the run.
 */
public record RequestFigures(
    RequestType type,
    long count,
    long errors,
    long retries,
    double throughputPerSecond,
    double meanMs,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs) {}
