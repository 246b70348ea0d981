package toystore.order.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.model.IdempotencyKey;
import toystore.wire.order.Entry;

/**
 * Replicas compare their digest chains (docs/API.md, the order replica's {@code /health}), also
 * across versions, so its input must never change: these values were computed before the
 * idempotency key became a type, when the key was hashed as its wire string.
 */
class LogDigestTest {
  @Test
  void theDigestOfALogIsPinned() {
    Log log = new Log(new Restored(1, 1, 2, List.of(
        new Entry(1, "Tux", 2, IdempotencyKey.client("k1"), 1),
        new Entry(2, "Whale", 1, IdempotencyKey.parse("frontend:0b6a7a4e-3f9c-4b8e-9a55-2c1d3e4f5a6b"), 1))));

    assertThat(log.digestAt(0)).isEqualTo("88c70742d9a4e8b9a91e1212324c9a7bc5abdafd87e86d8527418d759f99a959");
    assertThat(log.digestAt(1)).isEqualTo("ae9f8376a3b1d3f874d557c8d89b6bc73ac64755d57ece790b1b633d4772df08");
    assertThat(log.digestAt(2)).isEqualTo("f57d51832cdbbebd6b541efbde1312a3ef528cca1f9c3d040d6966931704c9c8");
  }
}
