package toystore.json;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/**
 * Moshi's built-in scalar adapters are lenient: they read {@code "17"} as the number 17 and
 * {@code 2.0} as the int 2. These refuse any JSON type other than the declared one, so a wrong type
 * is an error rather than a silent conversion.
 */
final class StrictScalars {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private StrictScalars() {}

  static final JsonAdapter.Factory FACTORY = (Type type, Set<? extends Annotation> annotations, Moshi moshi) -> {
    if (!annotations.isEmpty()) {
      return null;
    }
    if (type == int.class || type == Integer.class) {
      return nullSafe(type, new IntegerAdapter<>(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v));
    }
    if (type == long.class || type == Long.class) {
      return nullSafe(type, new IntegerAdapter<>(Long.MIN_VALUE, Long.MAX_VALUE, v -> v));
    }
    if (type == double.class || type == Double.class) {
      return nullSafe(type, new DoubleAdapter());
    }
    if (type == boolean.class || type == Boolean.class) {
      return nullSafe(type, new BooleanAdapter());
    }
    if (type == String.class) {
      return new StringAdapter().nullSafe();
    }
    return null;
  };

  private static <T> JsonAdapter<T> nullSafe(Type type, JsonAdapter<T> adapter) {
    return type instanceof Class<?> c && c.isPrimitive() ? adapter : adapter.nullSafe();
  }

  private static void expect(JsonReader reader, JsonReader.Token token) throws IOException {
    JsonReader.Token actual = reader.peek();
    if (actual != token) {
      throw new JsonDataException("expected " + token + " but was " + actual + " at " + reader.getPath());
    }
  }

  private static final class IntegerAdapter<T extends Number> extends JsonAdapter<T> {
    private final long min;
    private final long max;
    private final LongFunction<T> box;

    IntegerAdapter(long min, long max, LongFunction<T> box) {
      this.min = min;
      this.max = max;
      this.box = box;
    }

    @Override
    public T fromJson(JsonReader reader) throws IOException {
      expect(reader, JsonReader.Token.NUMBER);
      String path = reader.getPath();
      String literal = reader.nextString();
      if (!INTEGER.matcher(literal).matches()) {
        throw new JsonDataException("expected an integer but was " + literal + " at " + path);
      }
      long value;
      try {
        value = Long.parseLong(literal);
      } catch (NumberFormatException e) {
        throw new JsonDataException("integer out of range at " + path);
      }
      if (value < min || value > max) {
        throw new JsonDataException("integer out of range at " + path);
      }
      return box.apply(value);
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.value(value.longValue());
    }
  }

  private static final class DoubleAdapter extends JsonAdapter<Double> {
    @Override
    public Double fromJson(JsonReader reader) throws IOException {
      expect(reader, JsonReader.Token.NUMBER);
      return reader.nextDouble();
    }

    @Override
    public void toJson(JsonWriter writer, Double value) throws IOException {
      writer.value(value.doubleValue());
    }
  }

  private static final class BooleanAdapter extends JsonAdapter<Boolean> {
    @Override
    public Boolean fromJson(JsonReader reader) throws IOException {
      expect(reader, JsonReader.Token.BOOLEAN);
      return reader.nextBoolean();
    }

    @Override
    public void toJson(JsonWriter writer, Boolean value) throws IOException {
      writer.value(value.booleanValue());
    }
  }

  private static final class StringAdapter extends JsonAdapter<String> {
    @Override
    public String fromJson(JsonReader reader) throws IOException {
      expect(reader, JsonReader.Token.STRING);
      return reader.nextString();
    }

    @Override
    public void toJson(JsonWriter writer, String value) throws IOException {
      writer.value(value);
    }
  }
}
