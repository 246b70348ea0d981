package toystore.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import toystore.json.Json;

/**
 * A load report on disk: the whole report as JSON, and its figures as CSV — one row per request
 * type, the run's settings and totals repeated on each row so that rows of several runs can be
 * put side by side.
 */
public final class LoadReports {
  static final List<String> CSV_COLUMNS =
      List.of(
          "run_id", "frontend", "clients", "order_probability", "iterations_per_client", "seed",
          "started_at_ms", "duration_ms", "iterations", "orders_acknowledged", "out_of_stock",
          "client_visible_errors", "mismatches",
          "type", "count", "errors", "retries", "throughput_per_s",
          "mean_ms", "p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms");

  private LoadReports() {}

  public static String toJson(LoadReport report) {
    return Json.moshi().adapter(LoadReport.class).indent("  ").toJson(report);
  }

  public static LoadReport fromJson(String json) throws IOException {
    return Json.read(json, LoadReport.class);
  }

  public static void writeJson(LoadReport report, Path file) throws IOException {
    Files.writeString(file, toJson(report) + "\n");
  }

  /** @throws IOException also when the file is not a load report */
  public static LoadReport readJson(Path file) throws IOException {
    try {
      return fromJson(Files.readString(file));
    } catch (RuntimeException notAReport) {
      throw new IOException(file + " is not a load report: " + notAReport.getMessage(), notAReport);
    }
  }

  public static String toCsv(LoadReport report) {
    StringBuilder csv = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
    LoadSettings s = report.settings();
    for (RequestFigures f : report.requests()) {
      List<String> row =
          List.of(
              report.runId(), s.frontendUrl(), Integer.toString(s.clients()), number(s.orderProbability()),
              Long.toString(s.iterations()), Long.toString(s.seed()),
              Long.toString(report.startedAtMs()), Long.toString(report.durationMs()),
              Long.toString(report.iterations()), Integer.toString(report.orders().size()),
              Long.toString(report.outOfStock()), Long.toString(report.clientVisibleErrors()),
              Integer.toString(report.mismatches().size()),
              f.type().name(), Long.toString(f.count()), Long.toString(f.errors()), Long.toString(f.retries()),
              number(f.throughputPerSecond()), number(f.meanMs()), number(f.p50Ms()), number(f.p90Ms()),
              number(f.p99Ms()), number(f.p999Ms()), number(f.maxMs()));
      csv.append(String.join(",", row.stream().map(LoadReports::cell).toList())).append('\n');
    }
    return csv.toString();
  }

  /** {@code report.json} → {@code report.csv}, in the same directory. */
  public static Path csvNextTo(Path json) {
    String name = json.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    return json.resolveSibling(base + ".csv");
  }

  public static void writeCsv(LoadReport report, Path file) throws IOException {
    Files.writeString(file, toCsv(report));
  }

  /** The request figures of a CSV written by {@link #toCsv}, in row order. */
  public static List<RequestFigures> figuresFromCsv(String csv) throws IOException {
    List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty() || !parseRow(lines.get(0)).equals(CSV_COLUMNS)) {
      throw new IOException("not a load report CSV: unexpected header");
    }
    List<RequestFigures> figures = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> row = parseRow(line);
      if (row.size() != CSV_COLUMNS.size()) {
        throw new IOException("not a load report CSV: a row has " + row.size() + " cells");
      }
      try {
        figures.add(
            new RequestFigures(
                RequestType.valueOf(cell(row, "type")),
                Long.parseLong(cell(row, "count")),
                Long.parseLong(cell(row, "errors")),
                Long.parseLong(cell(row, "retries")),
                Double.parseDouble(cell(row, "throughput_per_s")),
                Double.parseDouble(cell(row, "mean_ms")),
                Double.parseDouble(cell(row, "p50_ms")),
                Double.parseDouble(cell(row, "p90_ms")),
                Double.parseDouble(cell(row, "p99_ms")),
                Double.parseDouble(cell(row, "p99_9_ms")),
                Double.parseDouble(cell(row, "max_ms"))));
      } catch (IllegalArgumentException e) {
        throw new IOException("not a load report CSV: " + e.getMessage(), e);
      }
    }
    return figures;
  }

  private static String cell(List<String> row, String column) {
    return row.get(CSV_COLUMNS.indexOf(column));
  }

  /** Full precision, always with a dot, so a round trip gives the same double back. */
  private static String number(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }

  private static String cell(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static List<String> parseRow(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    cells.add(current.toString());
    return cells;
  }
}
