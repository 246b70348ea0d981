package toystore.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import toystore.load.ClientError;
import toystore.load.RequestType;

class TimelineTest {
  @Test
  void errorsAreShownAfterTheFaultTheyFollow() {
    long start = 1_000_000;
    List<FaultEvent> events =
        List.of(
            new FaultEvent(start + 3000, Fault.Action.KILL_LEADER, "kill the order leader", "order-3", true, "", 12),
            new FaultEvent(start + 6000, Fault.Action.RESTART, "restart the killed leader", "order-3", true, "", 1800),
            new FaultEvent(start + 9000, Fault.Action.KILL, "kill catalog", "catalog", false, "HTTP 500 boom", 3));
    List<ClientError> errors =
        List.of(
            new ClientError(start + 6500, 1, RequestType.QUERY, 503, "query Fox: HTTP 503 catalog down"),
            new ClientError(start + 7000, 2, RequestType.QUERY, 503, "query Tux: HTTP 503 catalog down"));

    String timeline = Timeline.render(start, events, errors);

    assertThat(timeline.lines().toList())
        .containsSubsequence(
            "    +0.0 s  load started  — no client-visible errors",
            "    +3.0 s  kill the order leader -> order-3 (12 ms)  — no client-visible errors",
            "    +6.0 s  restart the killed leader -> order-3 (1800 ms)  — 2 client-visible errors:",
            "              2 x query HTTP 503",
            "              e.g. client 1: query Fox: HTTP 503 catalog down",
            "    +9.0 s  kill catalog FAILED: HTTP 500 boom  — no client-visible errors");
  }
}
