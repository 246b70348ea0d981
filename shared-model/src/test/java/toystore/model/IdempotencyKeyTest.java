package toystore.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.json.Json;

class IdempotencyKeyTest {
  /** Moshi reads only public records. */
  public record Carrier(IdempotencyKey key) {}

  @Test
  void clientKeysArePrintableAsciiUpTo128() {
    for (String good : List.of("a", "order-42 retry ~!", "k".repeat(128))) {
      assertThat(IdempotencyKey.client(good).value()).isEqualTo(good);
    }
    for (String bad : List.of("k".repeat(129), "", "tab\there", "café")) {
      assertThatThrownBy(() -> IdempotencyKey.client(bad)).isInstanceOf(InvalidRequestException.class)
          .hasMessage("Idempotency-Key must be 1 to 128 printable ASCII characters");
    }
  }

  @Test
  void theWireFormIsTodaysPrefixedString() {
    assertThat(IdempotencyKey.client("abc").wire()).isEqualTo("client:abc");
    IdempotencyKey fresh = IdempotencyKey.fresh();
    assertThat(fresh.wire()).matches("frontend:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(IdempotencyKey.parse(fresh.wire())).isEqualTo(fresh);
    assertThat(IdempotencyKey.parse("client:frontend:x")).isEqualTo(IdempotencyKey.client("frontend:x"));
  }

  @Test
  void onlyKnownOriginsAndWellFormedValuesParse() {
    for (String bad : List.of("abc", "client:", "frontend:not-a-uuid", "CLIENT:abc")) {
      assertThatThrownBy(() -> IdempotencyKey.parse(bad)).isInstanceOf(InvalidRequestException.class);
    }
  }

  @Test
  void inJsonAKeyIsItsWireString() throws Exception {
    assertThat(Json.write(new Carrier(IdempotencyKey.client("k1")))).isEqualTo("{\"key\":\"client:k1\"}");
    assertThat(Json.<Carrier>read("{\"key\":\"client:k1\"}", Carrier.class).key()).isEqualTo(IdempotencyKey.client("k1"));
    assertThatThrownBy(() -> Json.read("{\"key\":\"k1\"}", Carrier.class)).isInstanceOf(RuntimeException.class)
        .hasMessageContaining("client: or frontend:");
  }

  @Test
  void theHashIsTheSameInEveryRun() {
    assertThat(IdempotencyKey.client("k1").hashCode()).isEqualTo(31 * "k1".hashCode());
    IdempotencyKey frontend = IdempotencyKey.parse("frontend:0b6a7a4e-3f9c-4b8e-9a55-2c1d3e4f5a6b");
    assertThat(frontend.hashCode()).isEqualTo(31 * frontend.value().hashCode() + 1);
  }

  @Test
  void theSameOrderIsTheSameToyInAnyCaseAndTheSameQuantity() {
    OrderRequest tux = new OrderRequest("Tux", 2);
    assertThat(tux.sameOrderAs(new OrderRequest("TUX", 2))).isTrue();
    assertThat(tux.sameOrderAs(new OrderRequest("Tux", 3))).isFalse();
    assertThat(tux.sameOrderAs(new OrderRequest("Fox", 2))).isFalse();
  }
}
