package toystore.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.image.Image;
import toystore.json.Json;

/**
 * Writes the timeline into one directory (the store's data directory, else the working directory):
 * {@code timeline-<time>.json} ({@link TimelineFile}) and {@code timeline-<time>.png}, the charts as
 * shown. Off the FX thread: take the file and the image on it, then call {@link #write}.
 */
final class TimelineExport {
  /** To the millisecond, so two exports a second apart (or less) do not overwrite each other. */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  /** The two files one export wrote. */
  record Written(Path json, Path png) {}

  private final Path directory;

  TimelineExport(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  Written write(TimelineFile file, Image charts, Instant at) throws IOException {
    Files.createDirectories(directory);
    String stem = "timeline-" + STAMP.format(at);
    Path json = directory.resolve(stem + ".json");
    Path png = directory.resolve(stem + ".png");
    Files.writeString(json, Json.write(file, TimelineFile.class) + "\n");
    Png.write(charts, png);
    return new Written(json.toAbsolutePath(), png.toAbsolutePath());
  }

  /** The bands as exported, each with its place on the charts' axis when a run has started. */
  static List<TimelineFile.Band> bands(List<FaultBand> bands, Instant runStart) {
    return bands.stream()
        .map(b -> new TimelineFile.Band(b.service(), b.kind(), b.label(), b.start().toString(),
            b.end() == null ? null : b.end().toString(),
            runStart == null ? null : seconds(runStart, b.start()),
            runStart == null || b.end() == null ? null : seconds(runStart, b.end())))
        .toList();
  }

  static List<TimelineFile.Event> events(List<TimelineEvent> events) {
    return events.stream().map(e -> new TimelineFile.Event(e.at().toString(), e.kind(), e.text())).toList();
  }

  /** Seconds from the run's start to {@code at}: the charts' time axis. */
  static double seconds(Instant runStart, Instant at) {
    return (at.toEpochMilli() - runStart.toEpochMilli()) / 1000.0;
  }
}
