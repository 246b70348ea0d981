package toystore.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportsTest {
  @TempDir Path dir;

  @Test
  void jsonRoundTripKeepsEveryFigureAndSetting() throws IOException {
    LoadReport report = ReportFixtures.report(ReportFixtures.threeOrders());
    Path file = dir.resolve("run.json");

    LoadReports.writeJson(report, file);

    assertThat(LoadReports.readJson(file)).isEqualTo(report);
    assertThat(Files.readString(file)).contains("\"orderProbability\": 0.5", "\"p999Ms\"");
  }

  @Test
  void csvRoundTripKeepsEveryFigure() throws IOException {
    LoadReport report = ReportFixtures.report(ReportFixtures.threeOrders());

    String csv = LoadReports.toCsv(report);

    assertThat(LoadReports.figuresFromCsv(csv)).isEqualTo(report.requests());
    assertThat(csv.lines().toList()).hasSize(4);
    assertThat(csv.lines().skip(1)).allMatch(row -> row.startsWith("ab12cd34,http://127.0.0.1:23001,2,0.5,10,42,"));
  }

  @Test
  void csvGoesNextToTheJson() {
    assertThat(LoadReports.csvNextTo(Path.of("out", "run.json"))).isEqualTo(Path.of("out", "run.csv"));
    assertThat(LoadReports.csvNextTo(Path.of("report"))).isEqualTo(Path.of("report.csv"));
  }

  @Test
  void aFileThatIsNotAReportIsRejectedWithItsName() throws IOException {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"frontend\": \"x\"}");

    assertThatThrownBy(() -> LoadReports.readJson(file)).isInstanceOf(IOException.class).hasMessageContaining("other.json");
  }

  @Test
  void summaryShowsFiguresAndVerdict() {
    String summary = SummaryTable.render(ReportFixtures.report(ReportFixtures.threeOrders()));

    assertThat(summary)
        .contains("order lookup", "p99.9 ms", "3 orders acknowledged", "client 2: order 1 x Fox")
        .contains("LOAD PASSED: all 3 acknowledged orders read back as recorded");
  }
}
