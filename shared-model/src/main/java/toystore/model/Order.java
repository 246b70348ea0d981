package toystore.model;

/** A committed order as {@code GET /orders/{number}} shows it. */
public record Order(long number, String name, int quantity) {}
