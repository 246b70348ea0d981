package toystore.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A service's registry in the Prometheus text format, version 0.0.4, whatever the scrape's
 * {@code Accept} says: one format that every Prometheus and every tool reads (docs/API.md §1).
 */
final class MetricsExposition {
  private MetricsExposition() {}

  static TextReply of(PrometheusRegistry registry) throws IOException {
    PrometheusTextFormatWriter format = PrometheusTextFormatWriter.create();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    format.write(text, registry.scrape());
    return new TextReply(format.getContentType(), text.toString(StandardCharsets.UTF_8));
  }
}
