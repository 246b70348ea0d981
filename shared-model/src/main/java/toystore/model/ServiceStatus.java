package toystore.model;

/** A non-replicated service as the frontend sees it; {@code state} is UP or DOWN. */
public record ServiceStatus(String url, State state) {}
