package toystore.load;

import java.util.List;

/** A small, complete load report to test reports and the checker with. */
public final class ReportFixtures {
  private ReportFixtures() {}

  public static LoadReport report(List<AckedOrder> orders) {
    return new LoadReport(
        "ab12cd34",
        new LoadSettings("http://127.0.0.1:23001", 2, 0.5, 10, 42),
        1_700_000_000_000L,
        1234,
        20,
        1,
        1,
        List.of(
            new RequestFigures(RequestType.QUERY, 20, 0, 0, 16.2, 1.5, 1.2, 2.5, 4.75, 4.75, 4.75),
            new RequestFigures(RequestType.ORDER, orders.size() + 2, 1, 3, 2.4, 3.5, 3.1, 5.0, 9.9, 9.9, 9.9),
            new RequestFigures(RequestType.LOOKUP, orders.size(), 0, 0, 1.6, 0.9, 0.8, 1.1, 1.3, 1.3, 1.3)),
        orders,
        List.of(new ClientError(1_700_000_000_500L, 2, RequestType.ORDER, 503, "order 1 x Fox (key k): HTTP 503 no leader")),
        List.of());
  }

  public static List<AckedOrder> threeOrders() {
    return List.of(
        new AckedOrder(1, "Whale", 2, 1, "ab12cd34-c1-1"),
        new AckedOrder(2, "Fox", 1, 2, "ab12cd34-c2-1"),
        new AckedOrder(3, "Whale", 3, 1, "ab12cd34-c1-2"));
  }
}
