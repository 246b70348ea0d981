package toystore.model;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key an order is bought under, at most once (docs/API.md §3.3): the client's
 * {@code Idempotency-Key}, or a UUID the frontend makes for an order sent without one. On the wire
 * (the order replicas' messages, their log, the catalog's purchases, the agent's audit) it is one
 * string, {@link #wire()}: {@code client:<key>} or {@code frontend:<uuid>}, so the two can never
 * collide.
 */
public record IdempotencyKey(Origin origin, String value) {
  public static final int MAX_CLIENT_KEY_LENGTH = 128;
  private static final Pattern CLIENT_KEY = Pattern.compile("[\\x20-\\x7e]{1," + MAX_CLIENT_KEY_LENGTH + "}");

  /** Who chose the key; its name in lower case is the wire prefix. */
  public enum Origin {
    CLIENT, FRONTEND;

    String prefix() {
      return name().toLowerCase(Locale.ROOT) + ":";
    }
  }

  /** @throws InvalidRequestException when {@code value} is not a key of that origin */
  public IdempotencyKey {
    if (origin == null || value == null) {
      throw new InvalidRequestException("an idempotency key needs an origin and a value");
    }
    if (origin == Origin.CLIENT && !CLIENT_KEY.matcher(value).matches()) {
      throw new InvalidRequestException("Idempotency-Key must be 1 to "
          + MAX_CLIENT_KEY_LENGTH + " printable ASCII characters");
    }
    if (origin == Origin.FRONTEND && !isUuid(value)) {
      throw new InvalidRequestException("a frontend idempotency key is a UUID, not '" + value + "'");
    }
  }

  /** The client's {@code Idempotency-Key} header. */
  public static IdempotencyKey client(String header) {
    return new IdempotencyKey(Origin.CLIENT, header);
  }

  /** A new key for an order the client sent without one. */
  public static IdempotencyKey fresh() {
    return new IdempotencyKey(Origin.FRONTEND, UUID.randomUUID().toString());
  }

  /**
   * Reads {@link #wire()}'s form back.
   *
   * @throws InvalidRequestException when {@code wire} has no known prefix or a bad value
   */
  public static IdempotencyKey parse(String wire) {
    for (Origin origin : Origin.values()) {
      if (wire.startsWith(origin.prefix())) {
        return new IdempotencyKey(origin, wire.substring(origin.prefix().length()));
      }
    }
    throw new InvalidRequestException("an idempotency key starts with client: or frontend:, not '" + wire + "'");
  }

  public String wire() {
    return origin.prefix() + value;
  }

  @Override
  public String toString() {
    return wire();
  }

  /**
   * The same in every run (an enum's own hash is not), so hashed collections of keys behave alike
   * in every run and a simulated schedule replays exactly from its seed (docs/DESIGN.md).
   */
  @Override
  public int hashCode() {
    return 31 * value.hashCode() + origin.ordinal();
  }

  private static boolean isUuid(String value) {
    try {
      return UUID.fromString(value).toString().equals(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
