package toystore.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okio.Buffer;
import toystore.model.ApiError;

/**
 * The JSON of the whole system: Moshi with strict types, and the two envelopes every service uses,
 * {@code {"data": ...}} and {@code {"error": {"code": ..., "message": ...}}}.
 */
public final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().add(StrictScalars.FACTORY).add(new IdempotencyKeyAdapter())
      .add(new ReplicationAdapter()).build();

  private Json() {}

  public static Moshi moshi() {
    return MOSHI;
  }

  /** Serializes any value, nulls included (so {@code "leader": null} is shown, not dropped). */
  public static String write(Object value, Type type) {
    return MOSHI.adapter(type).serializeNulls().toJson(value);
  }

  /** Serializes by the value's runtime type; collections by their interface, as Moshi needs. */
  public static String write(Object value) {
    Type type = value instanceof Map ? Map.class
        : value instanceof List ? List.class
        : value instanceof Set ? Set.class
        : value.getClass();
    return write(value, type);
  }

  /** {@code {"data": value}}. */
  public static String data(Object value) {
    return "{\"data\":" + write(value) + "}";
  }

  /** {@code {"error": {"code": code, "message": message}}}. */
  public static String error(int code, String message) {
    return "{\"error\":" + write(new ApiError(code, message)) + "}";
  }

  /** Parses a whole document as {@code type}; wrong JSON types and trailing garbage are errors. */
  public static <T> T read(String json, Type type) throws IOException {
    JsonAdapter<T> adapter = MOSHI.<T>adapter(type).nonNull();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      T value = adapter.fromJson(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new JsonDataException("trailing content after the JSON value");
      }
      return value;
    }
  }

  /**
   * Reads an envelope: returns the {@code data} member as {@code type}, or throws
   * {@link EnvelopeError} when the document carries an {@code error}.
   */
  public static <T> T readData(String json, Type type) throws IOException {
    JsonAdapter<T> dataAdapter = MOSHI.adapter(type);
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(json))) {
      T data = null;
      boolean dataSeen = false;
      ApiError error = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "data" -> {
            data = dataAdapter.fromJson(reader);
            dataSeen = true;
          }
          case "error" -> error = MOSHI.adapter(ApiError.class).fromJson(reader);
          default -> reader.skipValue();
        }
      }
      reader.endObject();
      if (error != null) {
        throw new EnvelopeError(error);
      }
      if (!dataSeen) {
        throw new JsonDataException("reply has neither data nor error");
      }
      return data;
    }
  }

  /** An {@code {"error": ...}} envelope where data was expected. */
  public static final class EnvelopeError extends IOException {
    private final ApiError error;

    EnvelopeError(ApiError error) {
      super(error.message());
      this.error = error;
    }

    public ApiError error() {
      return error;
    }
  }
}
