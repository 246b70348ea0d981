package toystore.order.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import toystore.model.IdempotencyKey;

/** Order entries signed with the cluster secret, and everything else refused (docs/SECURITY.md). */
class CommandSealTest {
  private static final OrderCommand COMMAND = new OrderCommand("Tux", 2, IdempotencyKey.client("seal-test"), 3);

  @Test
  void aSealedCommandOpensToItsJsonOnlyUnderTheSameSecret() {
    byte[] entry = new CommandSeal("store secret").seal(COMMAND).getContent().toByteArray();
    assertThat(new CommandSeal("store secret").opened(entry)).hasValueSatisfying(json -> assertThat(json).isEqualTo(COMMAND.json()));
    assertThat(new CommandSeal("another store's secret").opened(entry)).isEmpty();
  }

  @Test
  void anUnsignedTamperedOrTruncatedEntryDoesNotOpen() {
    CommandSeal seal = new CommandSeal("store secret");
    assertThat(seal.opened(COMMAND.json())).as("the bare JSON").isEmpty();
    byte[] entry = seal.seal(COMMAND).getContent().toByteArray();
    byte[] tampered = new String(entry, StandardCharsets.ISO_8859_1).replace("\"quantity\":2", "\"quantity\":9")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(tampered).isNotEqualTo(entry);
    assertThat(seal.opened(tampered)).isEmpty();
    assertThat(seal.opened(Arrays.copyOf(entry, 10))).isEmpty();
    assertThat(seal.opened(new byte[0])).isEmpty();
  }
}
