package toystore.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test's exposition reader: it reads what the library writes, and refuses what is malformed. */
class ExpositionTest {
  @Test
  void readsTheLibrarysOwnOutputWithEscapedLabelsAndHistograms() throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("a_total").help("a \\ help\nline").labelNames("path").register(registry)
        .labelValues("/x\"y\\z\nw").inc(3);
    Histogram histogram = Histogram.builder().name("b_seconds").help("b").classicOnly()
        .classicUpperBounds(0.1, 1).register(registry);
    histogram.observe(0.05);
    histogram.observe(0.5);
    histogram.observe(5);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());

    Exposition parsed = Exposition.parse(out.toString(StandardCharsets.UTF_8));

    assertThat(parsed.type("a_total")).isEqualTo("counter");
    assertThat(parsed.series("a_total")).containsExactly(Map.entry(Map.of("path", "/x\"y\\z\nw"), 3.0));
    assertThat(parsed.type("b_seconds")).isEqualTo("histogram");
    assertThat(parsed.value("b_seconds_bucket", "le", "0.1")).isEqualTo(1.0);
    assertThat(parsed.value("b_seconds_bucket", "le", "+Inf")).isEqualTo(3.0);
    assertThat(parsed.value("b_seconds_count")).isEqualTo(3.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "# TYPE x gauge\nx 1",                                        // no final line feed
      "x 1\n",                                                      // no TYPE
      "# TYPE x gauge\nx{a=\"1\"} 1\nx{a=\"1\"} 2\n",               // a series twice
      "# TYPE x gauge\nx{a=\"1\" 1\n",                              // labels not closed
      "# TYPE x gauge\nx{a=1} 1\n",                                 // unquoted label value
      "# TYPE x gauge\nx one\n",                                    // not a number
      "# TYPE x gauge\nx 1\n# TYPE x gauge\n",                      // TYPE twice
      "# TYPE x wobbly\nx 1\n",                                     // unknown type
      "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1\n", // not cumulative
      "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 1\nh_sum 1\n",                    // +Inf is not _count
  })
  void refusesWhatIsMalformed(String text) {
    assertThatThrownBy(() -> Exposition.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
