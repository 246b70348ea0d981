package toystore.model;

import com.squareup.moshi.Json;

/** The reply to a successful order. */
public record OrderReceipt(@Json(name = "order_number") long orderNumber) {}
