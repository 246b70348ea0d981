package toystore.order.protocol;

import java.util.List;
import toystore.wire.order.Entry;

/**
 * What a replica finds on its disk when it starts: everything a {@link Write} ever made durable.
 * {@code entries} are numbered 1, 2, 3 … without gaps; {@code commitNumber} is at most their count.
 */
public record Restored(long epoch, long lastNormalEpoch, long commitNumber, List<Entry> entries) {
  public static Restored empty() {
    return new Restored(0, 0, 0, List.of());
  }
}
