package toystore.json;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.ToJson;
import toystore.model.IdempotencyKey;
import toystore.model.InvalidRequestException;

/** An {@link IdempotencyKey} is its wire string in JSON; a malformed one is a JSON data error. */
final class IdempotencyKeyAdapter {
  @ToJson
  String toJson(IdempotencyKey key) {
    return key.wire();
  }

  @FromJson
  IdempotencyKey fromJson(String wire) {
    try {
      return IdempotencyKey.parse(wire);
    } catch (InvalidRequestException e) {
      throw new JsonDataException(e.getMessage(), e);
    }
  }
}
