package toystore.load;

/**
 * A request that failed as the client saw it (after its own retries).
 *
 * @param atMs when it failed, epoch milliseconds
 * @param status the HTTP status, or 0 when no reply came
 */
public record ClientError(long atMs, int client, RequestType type, int status, String message) {}
