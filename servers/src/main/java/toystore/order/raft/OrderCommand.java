package toystore.order.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import toystore.json.Json;
import toystore.model.IdempotencyKey;

/**
 * One order as a Raft log entry: the toy (its canonical name, from the catalog's answer), the
 * quantity, the idempotency key and the term its purchase was made in. The state machine accepts it
 * only in that same term (docs/DESIGN.md "Raft engine": that is the fencing).
 */
public record OrderCommand(String name, int quantity, IdempotencyKey key, long purchaseTerm) {
  /** The entry's content before its signature ({@link CommandSeal}). */
  byte[] json() {
    return Json.write(this).getBytes(StandardCharsets.UTF_8);
  }

  static OrderCommand of(byte[] data) throws IOException {
    return Json.read(new String(data, StandardCharsets.UTF_8), OrderCommand.class);
  }
}
