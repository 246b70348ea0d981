package toystore.model;

/** The body of every failure: {@code {"error": {"code": 404, "message": "..."}}}. */
public record ApiError(int code, String message) {}
