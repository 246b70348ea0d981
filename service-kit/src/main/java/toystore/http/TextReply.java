package toystore.http;

/** A route's reply that is not JSON ({@code GET /metrics}): sent as it is, with its own content type. */
record TextReply(String contentType, String body) {}
