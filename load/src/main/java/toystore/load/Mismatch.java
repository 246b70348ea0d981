package toystore.load;

/** An acknowledged order that did not read back as recorded; {@code problem} says how. */
public record Mismatch(long number, String key, String problem) {}
