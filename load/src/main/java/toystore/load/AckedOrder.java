package toystore.load;

/** An order the frontend acknowledged with 200, as the client that placed it recorded it. */
public record AckedOrder(long number, String name, int quantity, int client, String key) {}
