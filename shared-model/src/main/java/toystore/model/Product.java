package toystore.model;

/** A toy as the public API shows it: canonical name, price and current stock. */
public record Product(String name, double price, int quantity) {}
