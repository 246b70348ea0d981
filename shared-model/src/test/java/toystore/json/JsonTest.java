package toystore.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.config.Replication;
import toystore.model.CacheStatus;
import toystore.model.Order;
import toystore.model.OrderReceipt;
import toystore.model.Product;
import toystore.model.ReplicaHealth;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.ServiceStatus;
import toystore.model.State;
import toystore.model.StoreStatus;

class JsonTest {
  @Test
  void productRoundTripsThroughTheDataEnvelope() throws Exception {
    Product whale = new Product("Whale", 34.99, 100);
    String json = Json.data(whale);
    assertThat(json).isEqualTo("{\"data\":{\"name\":\"Whale\",\"price\":34.99,\"quantity\":100}}");
    Product back = Json.readData(json, Product.class);
    assertThat(back).isEqualTo(whale);
  }

  @Test
  void orderReceiptUsesTheContractsFieldName() throws Exception {
    assertThat(Json.data(new OrderReceipt(17))).isEqualTo("{\"data\":{\"order_number\":17}}");
    OrderReceipt back = Json.readData("{\"data\":{\"order_number\":17}}", OrderReceipt.class);
    assertThat(back.orderNumber()).isEqualTo(17);
  }

  @Test
  void statusKeepsNullsSoDashboardsSeeThem() throws Exception {
    StoreStatus status = new StoreStatus(null,
        List.of(new ReplicaStatus(3, "order-3", "http://127.0.0.1:1117", false, State.DOWN, null, 42L, null)),
        new ServiceStatus("http://127.0.0.1:2319", State.UP),
        new CacheStatus(true, 5, 1, List.of("Whale"), 10, 4, 1, 6), Replication.RAFT, "Raft's");
    String json = Json.data(status);
    assertThat(json).contains("\"leader\":null").contains("\"role\":null").contains("\"replication\":\"raft\"");
    assertThat(json).contains("\"fault\":null");
    StoreStatus back = Json.readData(json, StoreStatus.class);
    assertThat(back).isEqualTo(status);
  }

  @Test
  void rolesAndStatesAreTheirNamesOnTheWire() throws Exception {
    ReplicaHealth health = new ReplicaHealth(State.UP, 2, Role.LEADER, State.SYNCING, 5, "d", 3, 2, true, null);
    String json = Json.write(health);
    assertThat(json).contains("\"status\":\"UP\"", "\"role\":\"LEADER\"", "\"state\":\"SYNCING\"");
    assertThat(Json.<ReplicaHealth>read(json, ReplicaHealth.class)).isEqualTo(health);
    ReplicaHealth untold = Json.<ReplicaHealth>read(json.replace("\"LEADER\"", "null"), ReplicaHealth.class);
    assertThat(untold.role()).isNull();
    assertThatThrownBy(() -> Json.read(json.replace("\"LEADER\"", "\"BOSS\""), ReplicaHealth.class))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("BOSS");
  }

  @Test
  void errorEnvelopeIsReportedAsAnError() {
    String json = Json.error(404, "product not found");
    assertThat(json).isEqualTo("{\"error\":{\"code\":404,\"message\":\"product not found\"}}");
    assertThatThrownBy(() -> Json.readData(json, Product.class))
        .isInstanceOfSatisfying(Json.EnvelopeError.class, e -> assertThat(e.error().code()).isEqualTo(404));
  }

  @Test
  void wrongJsonTypesAreErrorsNotZeros() {
    assertThatThrownBy(() -> Json.read("{\"number\":\"17\",\"name\":\"Tux\",\"quantity\":1}", Order.class))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> Json.read("{\"number\":17,\"name\":\"Tux\",\"quantity\":1.5}", Order.class))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> Json.read("{\"number\":17,\"name\":\"Tux\",\"quantity\":1} x", Order.class))
        .isInstanceOf(Exception.class);
  }

  @Test
  void missingFieldsAreErrors() {
    assertThatThrownBy(() -> Json.read("{\"number\":17,\"name\":\"Tux\"}", Order.class))
        .isInstanceOf(RuntimeException.class);
  }
}
