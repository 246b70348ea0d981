package toystore.supervisor;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.List;

/**
 * What the supervisor did to its services (kills, restarts, pauses) and what runs now. Counted
 * only once the service is known, so a label is always one of the store's service names.
 */
final class SupervisorMetrics {
  private final Counter kills;
  private final Counter restarts;
  private final Counter pauses;

  SupervisorMetrics(PrometheusRegistry registry, Collection<ManagedProcess> services) {
    List<ManagedProcess> all = List.copyOf(services);
    this.kills = counter(registry, "toystore_supervisor_kills_total", "Services SIGKILLed through the supervisor");
    this.restarts = counter(registry, "toystore_supervisor_restarts_total",
        "Services restarted through the supervisor (killed if running, started, healthy again)");
    this.pauses = counter(registry, "toystore_supervisor_pauses_total", "Services frozen with SIGSTOP");
    GaugeWithCallback.builder()
        .name("toystore_supervisor_service_running")
        .help("1 while the service's process is alive (paused or not), else 0")
        .labelNames("service")
        .callback(callback -> all.forEach(s -> callback.call(s.process() != null ? 1 : 0, s.spec().name())))
        .register(registry);
    GaugeWithCallback.builder()
        .name("toystore_supervisor_service_paused")
        .help("1 while the service's process is frozen by SIGSTOP, else 0")
        .labelNames("service")
        .callback(callback -> all.forEach(s -> callback.call(s.paused() ? 1 : 0, s.spec().name())))
        .register(registry);
    // Every service appears from the first scrape on, at 0, so rate() sees the first kill.
    for (ManagedProcess service : all) {
      kills.initLabelValues(service.spec().name());
      restarts.initLabelValues(service.spec().name());
      pauses.initLabelValues(service.spec().name());
    }
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).labelNames("service").register(registry);
  }

  void killed(String service) {
    kills.labelValues(service).inc();
  }

  void restarted(String service) {
    restarts.labelValues(service).inc();
  }

  void paused(String service) {
    pauses.labelValues(service).inc();
  }
}
