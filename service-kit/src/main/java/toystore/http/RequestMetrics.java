package toystore.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Every route's requests, by method, route as registered (e.g. {@code /orders/:number}) and status:
 * a count and a latency histogram. The labels come from the registered routes and the status codes
 * the service answers, never from the request, so their number is bounded.
 */
final class RequestMetrics {
  private final Counter requests;
  private final Histogram latency;

  RequestMetrics(PrometheusRegistry registry) {
    this.requests = Counter.builder()
        .name("toystore_http_requests_total")
        .help("Requests answered by a route, by method, route as registered and status")
        .labelNames("method", "route", "status")
        .register(registry);
    this.latency = Histogram.builder()
        .name("toystore_http_request_duration_seconds")
        .help("Time a route took to answer, once the request body was read")
        .labelNames("method", "route", "status")
        .classicOnly()
        .register(registry);
  }

  void observe(String method, String route, int status, long nanos) {
    String code = Integer.toString(status);
    requests.labelValues(method, route, code).inc();
    latency.labelValues(method, route, code).observe(nanos / 1e9);
  }
}
