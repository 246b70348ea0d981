package toystore.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestsTest {
  @Test
  void acceptsAnIntegerQuantityAndIgnoresUnknownFields() {
    OrderRequest r = OrderRequests.parse("{\"name\": \"Whale\", \"quantity\": 2, \"gift\": {\"wrap\": true}}");
    assertThat(r).isEqualTo(new OrderRequest("Whale", 2));
  }

  @Test
  void acceptsTheBoundsOfQuantity() {
    assertThat(OrderRequests.parse("{\"name\":\"Tux\",\"quantity\":1}").quantity()).isEqualTo(1);
    assertThat(OrderRequests.parse("{\"name\":\"Tux\",\"quantity\":1000000}").quantity()).isEqualTo(1_000_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\":\"Tux\",\"quantity\":2.5}",
      "{\"name\":\"Tux\",\"quantity\":2.0}",
      "{\"name\":\"Tux\",\"quantity\":1e2}",
      "{\"name\":\"Tux\",\"quantity\":\"2\"}",
      "{\"name\":\"Tux\",\"quantity\":null}",
      "{\"name\":\"Tux\",\"quantity\":true}",
      "{\"name\":\"Tux\",\"quantity\":[2]}",
      "{\"name\":\"Tux\",\"quantity\":0}",
      "{\"name\":\"Tux\",\"quantity\":-1}",
      "{\"name\":\"Tux\",\"quantity\":1000001}",
      "{\"name\":\"Tux\",\"quantity\":99999999999999999999999}",
      "{\"name\":\"Tux\"}",
      "{\"quantity\":2}",
      "{\"name\":\"\",\"quantity\":2}",
      "{\"name\":7,\"quantity\":2}",
      "{\"name\":null,\"quantity\":2}",
      "[\"Tux\", 2]",
      "\"Tux\"",
      "",
      "{\"name\":\"Tux\",\"quantity\":2",
      "{\"name\":\"Tux\",\"quantity\":2}}",
      "{\"name\":\"Tux\",\"quantity\":2} trailing",
      "{name:Tux}",
  })
  void rejects(String body) {
    assertThatThrownBy(() -> OrderRequests.parse(body)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "{\"name\":\"Tux\",\"quantity\":2,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThatThrownBy(() -> OrderRequests.parse(deep)).isInstanceOf(InvalidRequestException.class);
  }
}
