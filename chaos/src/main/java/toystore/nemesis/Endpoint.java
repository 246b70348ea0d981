package toystore.nemesis;

/**
 * A service as the firewall sees it: where it listens ({@code host:port}) and the address its own
 * outgoing connections come from.
 */
public record Endpoint(String name, String host, int port, String sourceAddress) {}
