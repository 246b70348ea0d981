package toystore.gui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ValueAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.Image;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.gui.TimelineEvent.Kind;
import toystore.load.LoadGenerator;
import toystore.load.LoadReport;
import toystore.load.LoadSettings;
import toystore.load.LoadSnapshot;
import toystore.load.IntervalFigures;
import toystore.load.RequestFigures;
import toystore.load.RequestType;

/**
 * Starts and stops a load run from the window and charts it live: latency percentiles per request
 * type over each one-second interval on a log axis (so a failover spike shows and is gone a few
 * intervals later), throughput and client-visible errors per interval, with every fault the
 * dashboard saw drawn as a band over all three. Export writes the timeline as JSON and the charts as
 * PNG ({@link TimelineExport}).
 */
final class LoadView {
  static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);
  /** Points kept per series: the charts show the last two minutes. */
  static final int WINDOW = 120;

  /** Interval rows kept for the export: an hour of a run's three request types. */
  static final int EXPORT_ROWS = 3 * 3600;

  /** A run's report and its last figures, taken once it had ended. */
  private record Ended(LoadReport report, RunSampler.Sample last) {}

  private final Backend backend;
  private final String frontendUrl;
  private final EventTimeline timeline;
  private final FaultBands faults;
  private final TimelineExport export;
  private final long seed;
  private final Spinner<Integer> clients = new Spinner<>(1, 64, 4);
  private final Spinner<Double> orderProbability = new Spinner<>(0.0, 1.0, 0.5, 0.1);
  private final Button start = new Button("Start load");
  private final Button stop = new Button("Stop");
  private final Button exportButton = new Button("Export timeline");
  private final Label exported = new Label();
  private final Label phase = new Label("No load running.");
  private final Label requests = figure("loadRequests");
  private final Label orders = figure("loadOrders");
  private final Label errors = figure("loadErrors");
  private final Map<RequestType, XYChart.Series<Number, Number>> p50 = new EnumMap<>(RequestType.class);
  private final Map<RequestType, XYChart.Series<Number, Number>> p99 = new EnumMap<>(RequestType.class);
  private final Map<RequestType, XYChart.Series<Number, Number>> throughput = new EnumMap<>(RequestType.class);
  private final XYChart.Series<Number, Number> errorSeries = new XYChart.Series<>();
  private final List<TimeChart> timeCharts;
  private final GridPane charts = new GridPane();
  private final List<TimelineFile.Interval> rows = new ArrayList<>();
  private final VBox root;
  private LoadGenerator generator;
  private RunSampler sampler;
  /** When the current (or last) run started: the charts' second 0; null before the first run. */
  private Instant runStart;
  private long previousElapsedMs;

  LoadView(Backend backend, String frontendUrl, EventTimeline timeline, FaultBands faults, TimelineExport export,
      long seed) {
    this.backend = backend;
    this.frontendUrl = frontendUrl;
    this.timeline = timeline;
    this.faults = faults;
    this.export = export;
    this.seed = seed;

    clients.setId("loadClients");
    clients.setEditable(true);
    clients.setPrefWidth(80);
    orderProbability.setId("loadOrderProbability");
    orderProbability.setEditable(true);
    orderProbability.setPrefWidth(80);
    start.setId("loadStart");
    start.getStyleClass().add("primary");
    start.setOnAction(e -> startRun());
    stop.setId("loadStop");
    stop.setDisable(true);
    stop.setOnAction(e -> stopRun());
    phase.setId("loadPhase");
    phase.getStyleClass().add("muted");
    exportButton.setId("loadExport");
    exportButton.setOnAction(e -> exportTimeline());
    exported.setId("loadExported");
    exported.getStyleClass().add("muted");
    HBox controls = new HBox(8, label("clients"), clients, label("order probability p"), orderProbability, start, stop,
        exportButton);
    controls.setAlignment(Pos.CENTER_LEFT);
    controls.getChildren().forEach(node -> {
      if (node instanceof Region region) {
        region.setMinWidth(Region.USE_PREF_SIZE);
      }
    });
    // The full paths are in the timeline; here they may be cut short.
    exported.setMinWidth(0);
    HBox.setHgrow(exported, Priority.ALWAYS);
    controls.getChildren().add(exported);
    phase.setWrapText(true);
    HBox.setHgrow(phase, Priority.ALWAYS);
    HBox figures = new HBox(28, stat("requests", requests), stat("orders acknowledged", orders),
        stat("client-visible errors", errors), phase);
    figures.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(10, controls, figures);
    top.getStyleClass().add("panel");

    TimeChart latency = chart("loadLatencyChart", "Latency per 1 s interval (ms, log scale)", new LogAxis());
    TimeChart rate = chart("loadThroughputChart", "Throughput per interval (requests/s)", new NumberAxis());
    TimeChart failures = chart("loadErrorChart", "Client-visible errors per interval", new NumberAxis());
    timeCharts = List.of(latency, rate, failures);
    for (RequestType type : RequestType.values()) {
      p50.put(type, series(latency, type.label() + " p50"));
      p99.put(type, series(latency, type.label() + " p99"));
      throughput.put(type, series(rate, type.label()));
    }
    errorSeries.setName("errors");
    failures.getData().add(errorSeries);
    timeCharts.forEach(c -> c.setLegendVisible(false));

    charts.setId("loadCharts");
    charts.setHgap(12);
    charts.setVgap(12);
    charts.add(latency, 0, 0, 1, 2);
    charts.add(rate, 1, 0);
    charts.add(failures, 1, 1);
    timeCharts.forEach(c -> {
      GridPane.setHgrow(c, Priority.ALWAYS);
      GridPane.setVgrow(c, Priority.ALWAYS);
    });
    VBox.setVgrow(charts, Priority.ALWAYS);

    root = new VBox(8, top, legend(), charts);
    root.getStyleClass().add("tab-body");
  }

  Node node() {
    return root;
  }

  /**
   * FX thread. Draws the fault bands on the current run's seconds, only those reaching the oldest
   * interval still charted (none from before the run); none before a run. Each poll and sample asks:
   * a chart whose bands did not change does nothing.
   */
  void drawBands() {
    double shownFrom = errorSeries.getData().isEmpty() ? 0 : errorSeries.getData().get(0).getXValue().doubleValue();
    List<TimeChart.Band> bands = runStart == null ? List.of() : faults.bands().stream()
        .map(b -> new TimeChart.Band(TimelineExport.seconds(runStart, b.start()),
            b.end() == null ? null : TimelineExport.seconds(runStart, b.end()), b.kind(), b.label()))
        .filter(b -> b.reaches(shownFrom))
        .toList();
    timeCharts.forEach(c -> c.setBands(bands));
  }

  /** FX thread. Stops a run this window started; its clients end after their current request. */
  void close() {
    if (generator != null) {
      generator.stop();
    }
    if (sampler != null) {
      sampler.stop();
    }
  }

  private void startRun() {
    LoadSettings settings;
    try {
      settings = new LoadSettings(frontendUrl, clients.getValue(), orderProbability.getValue(), 0, seed);
    } catch (IllegalArgumentException e) {
      phase.setText(e.getMessage());
      return;
    }
    start.setDisable(true);
    clients.setDisable(true);
    orderProbability.setDisable(true);
    phase.setText("Listing the catalog's toys…");
    // The toys come from the store (GET /products), off the FX thread.
    backend.run(() -> LoadGenerator.overTheCatalog(settings), load -> begin(load, settings), failure -> {
      phase.setText("Cannot start the load: " + Problems.describe(failure));
      reset();
    });
  }

  private void begin(LoadGenerator load, LoadSettings settings) {
    clearCharts();
    generator = load;
    runStart = Instant.now();
    generator.start();
    previousElapsedMs = 0;
    sampler = new RunSampler(generator, sample -> backend.onFx(() -> show(sample)));
    sampler.start(backend.scheduler(), SAMPLE_PERIOD);
    stop.setDisable(false);
    timeline.add(Kind.INFO, String.format(Locale.ROOT, "Load started: %d clients, p = %.2f (seed %d)",
        settings.clients(), settings.orderProbability(), seed));
  }

  private void stopRun() {
    stop.setDisable(true);
    LoadGenerator run = generator;
    RunSampler figures = sampler;
    run.stop();
    phase.setText("Stopping: the clients finish their requests and read their orders back…");
    // The last take is the sampler's too, after the run has ended: one reader of the intervals.
    backend.run(() -> new Ended(run.awaitReport(), figures.last()), this::finished, failure -> {
      figures.stop();
      phase.setText("The load run did not finish: " + Problems.describe(failure));
      reset();
    });
  }

  private void finished(Ended ended) {
    show(ended.last());
    LoadReport report = ended.report();
    String verdict = report.passed()
        ? "every acknowledged order read back as recorded"
        : report.mismatches().size() + " orders did NOT read back as recorded";
    String summary = String.format(Locale.ROOT, "Load finished after %.1f s: %d orders, %d errors; %s.",
        report.durationMs() / 1000.0, report.orders().size(), report.clientVisibleErrors(), verdict);
    phase.setText(summary);
    timeline.add(report.passed() ? Kind.INFO : Kind.FAULT, summary);
    reset();
  }

  private void reset() {
    generator = null;
    start.setDisable(false);
    stop.setDisable(true);
    clients.setDisable(false);
    orderProbability.setDisable(false);
  }

  private void show(RunSampler.Sample sample) {
    LoadSnapshot snapshot = sample.snapshot();
    double seconds = snapshot.elapsedMs() / 1000.0;
    long total = snapshot.requests().stream().mapToLong(RequestFigures::count).sum();
    requests.setText(Long.toString(total));
    orders.setText(Long.toString(snapshot.ordersAcknowledged()));
    errors.setText(Long.toString(snapshot.clientVisibleErrors()));
    Styles.toggle(errors, "error-number", snapshot.clientVisibleErrors() > 0);
    if (snapshot.phase() == LoadSnapshot.Phase.RUNNING || snapshot.phase() == LoadSnapshot.Phase.VERIFYING) {
      phase.setText(String.format(Locale.ROOT, "%s for %.0f s · %d iterations",
          snapshot.phase() == LoadSnapshot.Phase.RUNNING ? "Running" : "Reading orders back", seconds,
          snapshot.iterations()));
    }
    long intervalMs = snapshot.elapsedMs() - previousElapsedMs;
    long failed = 0;
    for (IntervalFigures interval : sample.intervals()) {
      if (interval.count() > 0) {
        add(p50.get(interval.type()), seconds, interval.p50Ms());
        add(p99.get(interval.type()), seconds, interval.p99Ms());
      }
      if (intervalMs > 0) {
        add(throughput.get(interval.type()), seconds, interval.count() * 1000.0 / intervalMs);
      }
      failed += interval.errors();
      rows.add(new TimelineFile.Interval(seconds, interval.type(), interval.count(), interval.errors(),
          interval.p50Ms(), interval.p99Ms()));
    }
    if (rows.size() > EXPORT_ROWS) {
      rows.subList(0, rows.size() - EXPORT_ROWS).clear();
    }
    add(errorSeries, seconds, failed);
    previousElapsedMs = snapshot.elapsedMs();
    drawBands();
  }

  /** FX thread. Writes the timeline and the charts' picture, then says where in the timeline and below the charts. */
  private void exportTimeline() {
    exportButton.setDisable(true);
    Instant now = Instant.now();
    TimelineFile file = new TimelineFile(now.toString(), runStart == null ? null : runStart.toString(),
        TimelineExport.events(timeline.events()), TimelineExport.bands(faults.bands(), runStart), List.copyOf(rows));
    Image picture = charts.snapshot(null, null);
    backend.run(() -> export.write(file, picture, now), written -> {
      exportButton.setDisable(false);
      String text = "Timeline exported: " + written.json() + " and " + written.png();
      exported.setText(text);
      timeline.add(Kind.INFO, text);
    }, failure -> {
      exportButton.setDisable(false);
      String text = "Cannot export the timeline to " + export.directory() + ": " + Problems.describe(failure);
      exported.setText(text);
      timeline.add(Kind.FAULT, text);
    });
  }

  private void clearCharts() {
    p50.values().forEach(s -> s.getData().clear());
    p99.values().forEach(s -> s.getData().clear());
    throughput.values().forEach(s -> s.getData().clear());
    errorSeries.getData().clear();
    rows.clear();
  }

  private static void add(XYChart.Series<Number, Number> series, double x, double y) {
    series.getData().add(new XYChart.Data<>(x, y));
    if (series.getData().size() > WINDOW) {
      series.getData().remove(0);
    }
  }

  /** One legend for the charts: a colour per request type and per kind of fault band, and how p50 and p99 differ. */
  private static Node legend() {
    FlowPane legend = new FlowPane(12, 4);
    legend.setAlignment(Pos.CENTER_LEFT);
    for (RequestType type : RequestType.values()) {
      Region swatch = new Region();
      swatch.getStyleClass().addAll("swatch", "swatch-" + type.name().toLowerCase());
      HBox item = new HBox(6, swatch, new Label(type.label()));
      item.setAlignment(Pos.CENTER_LEFT);
      legend.getChildren().add(item);
    }
    for (FaultBand.Kind kind : FaultBand.Kind.values()) {
      Region swatch = new Region();
      swatch.getStyleClass().addAll("swatch", "swatch-band-" + kind.name().toLowerCase());
      HBox item = new HBox(6, swatch, new Label(kind.label()));
      item.setAlignment(Pos.CENTER_LEFT);
      legend.getChildren().add(item);
    }
    legend.getChildren().add(label("latency: p50 solid, p99 dashed"));
    return legend;
  }

  private static TimeChart chart(String id, String title, ValueAxis<Number> value) {
    NumberAxis time = new NumberAxis();
    time.setLabel("s since the load started");
    time.setForceZeroInRange(false);
    TimeChart chart = new TimeChart(time, value);
    chart.setId(id);
    chart.setTitle(title);
    chart.setAnimated(false);
    chart.setCreateSymbols(false);
    chart.setMinHeight(120);
    chart.setMinWidth(200);
    return chart;
  }

  private static XYChart.Series<Number, Number> series(TimeChart chart, String name) {
    XYChart.Series<Number, Number> series = new XYChart.Series<>();
    series.setName(name);
    chart.getData().add(series);
    return series;
  }

  private static Label figure(String id) {
    Label label = new Label("–");
    label.setId(id);
    label.getStyleClass().add("big-number");
    return label;
  }

  private static Label label(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("muted");
    return label;
  }

  private static Node stat(String title, Label value) {
    Label caption = label(title);
    return new VBox(2, caption, value);
  }
}
