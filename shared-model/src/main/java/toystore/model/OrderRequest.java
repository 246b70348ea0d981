package toystore.model;

/** The body of {@code POST /orders}; build one with {@link OrderRequests#parse(String)} to validate it. */
public record OrderRequest(String name, int quantity) {}
