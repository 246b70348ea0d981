package toystore.order.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.ratis.protocol.Message;
import toystore.json.Json;

/** What the state machine made of one {@link OrderCommand}: the order's number, or why none. */
public record Applied(Verdict verdict, long number) {
  /** How an order entry was applied. */
  public enum Verdict {
    /** A new order: numbered next. */
    ORDERED,
    /** Its key was ordered before: {@code number} is that first order's (the entry changed nothing). */
    REPEATED,
    /** Committed in a later term than its purchase: a deposed leader's entry, refused (number 0). */
    STALE_TERM,
    /** Not signed with the cluster secret, so written by no replica ({@link CommandSeal}): refused (number 0). */
    UNSIGNED
  }

  Message message() {
    return Message.valueOf(Json.write(this));
  }

  static Applied of(Message message) throws IOException {
    return Json.read(message.getContent().toString(StandardCharsets.UTF_8), Applied.class);
  }
}
