package toystore.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line is a comment, a
 * {@code # HELP}/{@code # TYPE} line or a sample; a metric's TYPE comes at most once and before its
 * samples; every sample belongs to a declared family; no series appears twice; a histogram's
 * buckets are cumulative and its {@code +Inf} bucket equals its {@code _count}. Anything else
 * throws, naming the line. (The Java client has writers but no parser.)
 */
final class Exposition {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");
  private static final Pattern HELP = Pattern.compile("# HELP (\\S+)(?: (.*))?");
  private static final Pattern VALUE = Pattern.compile("[+-]?(?:Inf|NaN|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)");
  private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_bucket", "_sum", "_count");

  /** One time series: a sample's name and its labels. */
  record Series(String name, Map<String, String> labels) {
    @Override
    public String toString() {
      return name + labels;
    }
  }

  private final Map<String, String> types = new LinkedHashMap<>();
  private final Map<Series, Double> samples = new LinkedHashMap<>();

  private Exposition() {}

  static Exposition parse(String text) {
    Exposition exposition = new Exposition();
    Set<String> sampled = new HashSet<>();
    Map<String, String> helps = new HashMap<>();
    String[] lines = text.split("\n", -1);
    if (!lines[lines.length - 1].isEmpty()) {
      throw new IllegalArgumentException("the exposition does not end with a line feed");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " \"" + line + "\": ";
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        Matcher type = TYPE.matcher(line);
        Matcher help = HELP.matcher(line);
        if (line.startsWith("# TYPE ")) {
          require(type.matches(), where + "malformed TYPE");
          String family = type.group(1);
          require(NAME.matcher(family).matches(), where + "bad metric name");
          require(!exposition.types.containsKey(family), where + "second TYPE for " + family);
          require(!sampled.contains(family), where + "TYPE after the family's samples");
          exposition.types.put(family, type.group(2));
        } else if (line.startsWith("# HELP ")) {
          require(help.matches(), where + "malformed HELP");
          require(helps.put(help.group(1), String.valueOf(help.group(2))) == null, where + "second HELP");
        }
        continue;
      }
      exposition.sample(line, where, sampled);
    }
    exposition.checkHistograms();
    return exposition;
  }

  private void sample(String line, String where, Set<String> sampled) {
    int nameEnd = 0;
    while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
      nameEnd++;
    }
    String name = line.substring(0, nameEnd);
    require(NAME.matcher(name).matches(), where + "bad metric name");
    Map<String, String> labels = new TreeMap<>();
    int rest = nameEnd;
    if (rest < line.length() && line.charAt(rest) == '{') {
      int close = labelsEnd(line, rest + 1, where);
      String body = line.substring(rest + 1, close);
      Matcher label = LABEL.matcher(body);
      int at = 0;
      while (at < body.length()) {
        require(label.find(at) && label.start() == at, where + "malformed label at " + body.substring(at));
        require(labels.put(label.group(1), unescape(label.group(2))) == null, where + "label given twice");
        at = label.end();
        if (at < body.length()) {
          require(body.charAt(at) == ',', where + "labels not separated by a comma");
          at++;
        }
      }
      rest = close + 1;
    }
    require(rest < line.length() && line.charAt(rest) == ' ', where + "no space before the value");
    String[] valueAndTime = line.substring(rest + 1).split(" ", -1);
    require(valueAndTime.length <= 2 && VALUE.matcher(valueAndTime[0]).matches(), where + "bad value");
    require(valueAndTime.length == 1 || valueAndTime[1].matches("-?[0-9]+"), where + "bad timestamp");
    String family = family(name);
    require(family != null, where + "sample of no declared family");
    sampled.add(family);
    Series series = new Series(name, Collections.unmodifiableMap(labels));
    require(samples.put(series, number(valueAndTime[0])) == null, where + "series appears twice");
  }

  /** The index of the {@code }} closing the labels that start at {@code from}, skipping quoted values. */
  private static int labelsEnd(String line, int from, String where) {
    boolean quoted = false;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '}') {
        return i;
      }
    }
    throw new IllegalArgumentException(where + "labels not closed");
  }

  /** The declared family a sample name belongs to, or null. */
  private String family(String name) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : HISTOGRAM_SUFFIXES) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base)) && !suffix.equals("_bucket")) {
          return base;
        }
      }
    }
    return null;
  }

  private void checkHistograms() {
    for (Map.Entry<String, String> type : types.entrySet()) {
      if (!type.getValue().equals("histogram")) {
        continue;
      }
      String family = type.getKey();
      Map<Map<String, String>, List<double[]>> buckets = new HashMap<>();
      samples.forEach((series, value) -> {
        if (series.name().equals(family + "_bucket")) {
          Map<String, String> others = new TreeMap<>(series.labels());
          String le = others.remove("le");
          require(le != null, family + ": a bucket without le");
          buckets.computeIfAbsent(others, k -> new ArrayList<>()).add(new double[] {number(le), value});
        }
      });
      buckets.forEach((labels, list) -> {
        list.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 1; i < list.size(); i++) {
          require(list.get(i)[1] >= list.get(i - 1)[1], family + labels + ": buckets are not cumulative");
        }
        double[] last = list.get(list.size() - 1);
        require(last[0] == Double.POSITIVE_INFINITY, family + labels + ": no +Inf bucket");
        Double count = samples.get(new Series(family + "_count", labels));
        require(count != null && count == last[1], family + labels + ": +Inf bucket is not _count");
        require(samples.containsKey(new Series(family + "_sum", labels)), family + labels + ": no _sum");
      });
    }
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String unescape(String value) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        char escaped = value.charAt(++i);
        text.append(escaped == 'n' ? '\n' : escaped);
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The TYPE declared for {@code family}, or null. */
  String type(String family) {
    return types.get(family);
  }

  /** Every series named {@code name} with its value. */
  Map<Map<String, String>, Double> series(String name) {
    Map<Map<String, String>, Double> found = new LinkedHashMap<>();
    samples.forEach((series, value) -> {
      if (series.name().equals(name)) {
        found.put(series.labels(), value);
      }
    });
    return found;
  }

  /** The value of the series {@code name} with exactly these labels (name, value, name, value…), or null. */
  Double value(String name, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.get(new Series(name, wanted));
  }

  /** Like {@link #value}, but 0 for a series not there (a counter not yet counted). */
  double count(String name, String... labels) {
    Double value = value(name, labels);
    return value == null ? 0 : value;
  }
}
