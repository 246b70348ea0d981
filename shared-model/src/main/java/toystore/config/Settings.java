package toystore.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves each setting as flag &gt; environment variable &gt; {@code .env} file &gt; default, and
 * remembers where every value came from so a service can print what it resolved at start.
 * Settings whose environment name ends in {@code _TOKEN} or {@code _SECRET} are never printed.
 */
public final class Settings {
  private final Map<String, String> environment;
  private final Map<String, String> dotEnv;
  private final List<Resolved> resolved = new ArrayList<>();

  /** One resolved setting and its source: flag, env, .env or default. */
  public record Resolved(String name, String value, String source) {}

  public Settings(Map<String, String> environment, Map<String, String> dotEnv) {
    this.environment = Map.copyOf(environment);
    this.dotEnv = Map.copyOf(dotEnv);
  }

  /** The process environment and {@code ./.env} if present. */
  public static Settings fromProcess() {
    return new Settings(System.getenv(), readDotEnv(Path.of(".env")));
  }

  /** Reads {@code KEY=VALUE} lines; blank lines and {@code #} comments are skipped, quotes stripped. */
  public static Map<String, String> readDotEnv(Path file) {
    Map<String, String> values = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
          continue;
        }
        String key = trimmed.substring(0, eq).strip().replaceFirst("^export\\s+", "");
        String value = trimmed.substring(eq + 1).strip();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return values;
  }

  /** The value of a string setting; {@code flag} is null when the flag was not given. */
  public String string(String flag, String envName, String defaultValue) {
    String value;
    String source;
    if (flag != null) {
      value = flag;
      source = "flag";
    } else if (environment.containsKey(envName)) {
      value = environment.get(envName);
      source = "env";
    } else if (dotEnv.containsKey(envName)) {
      value = dotEnv.get(envName);
      source = ".env";
    } else {
      value = defaultValue;
      source = "default";
    }
    resolved.add(new Resolved(envName, value, source));
    return value;
  }

  public int integer(Integer flag, String envName, int defaultValue) {
    String value = string(flag == null ? null : flag.toString(), envName, Integer.toString(defaultValue));
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(envName + " must be an integer, not '" + value + "'");
    }
  }

  public long longValue(Long flag, String envName, long defaultValue) {
    String value = string(flag == null ? null : flag.toString(), envName, Long.toString(defaultValue));
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(envName + " must be an integer, not '" + value + "'");
    }
  }

  public boolean bool(Boolean flag, String envName, boolean defaultValue) {
    String value = string(flag == null ? null : flag.toString(), envName, Boolean.toString(defaultValue));
    return switch (value.strip().toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(envName + " must be true or false, not '" + value + "'");
    };
  }

  /** What was resolved so far, secrets masked, one {@code NAME=value (source)} line each. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Resolved r : resolved) {
      boolean secret = r.name().endsWith("_TOKEN") || r.name().endsWith("_SECRET");
      String shown = secret ? (r.value() == null || r.value().isEmpty() ? "(none)" : "****") : r.value();
      out.append(String.format("  %-32s %s (%s)%n", r.name(), shown, r.source()));
    }
    return out.toString();
  }
}
