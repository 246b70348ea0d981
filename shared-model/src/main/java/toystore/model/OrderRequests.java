package toystore.model;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigInteger;
import java.util.regex.Pattern;
import okio.Buffer;

/** Validation of order bodies, shared by the frontend and the clients ({@link IdempotencyKey} checks keys). */
public final class OrderRequests {
  public static final int MAX_QUANTITY = 1_000_000;

  private static final Pattern INTEGER_LITERAL = Pattern.compile("-?[0-9]+");

  private OrderRequests() {}

  /**
   * Parses {@code {"name": "Whale", "quantity": 2}} strictly: quantity must be a JSON integer literal
   * from 1 to {@value #MAX_QUANTITY}; unknown fields are ignored.
   *
   * @throws InvalidRequestException with a message fit for the client
   */
  public static OrderRequest parse(String body) {
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
      if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
        throw new InvalidRequestException("body must be a JSON object");
      }
      String name = null;
      String quantityLiteral = null;
      boolean quantitySeen = false;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "name" -> {
            if (reader.peek() != JsonReader.Token.STRING) {
              throw new InvalidRequestException("name must be a string");
            }
            name = reader.nextString();
          }
          case "quantity" -> {
            quantitySeen = true;
            if (reader.peek() != JsonReader.Token.NUMBER) {
              throw new InvalidRequestException("quantity must be an integer");
            }
            quantityLiteral = reader.nextString();
          }
          default -> reader.skipValue();
        }
      }
      reader.endObject();
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new InvalidRequestException("malformed JSON");
      }
      if (name == null || name.isBlank()) {
        throw new InvalidRequestException("name is required");
      }
      if (!quantitySeen) {
        throw new InvalidRequestException("quantity is required");
      }
      return new OrderRequest(name, quantity(quantityLiteral));
    } catch (JsonDataException | IOException e) {
      throw new InvalidRequestException("malformed JSON");
    }
  }

  private static int quantity(String literal) {
    if (!INTEGER_LITERAL.matcher(literal).matches()) {
      throw new InvalidRequestException("quantity must be an integer");
    }
    BigInteger value = new BigInteger(literal);
    if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(MAX_QUANTITY)) > 0) {
      throw new InvalidRequestException("quantity must be between 1 and " + MAX_QUANTITY);
    }
    return value.intValueExact();
  }
}
