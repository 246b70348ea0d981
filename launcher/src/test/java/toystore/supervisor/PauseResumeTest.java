package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import toystore.client.ApiException;
import toystore.client.JsonHttpClient;
import toystore.model.ServiceInfo;

/**
 * Pause and resume (SIGSTOP/SIGCONT) through the agent, on real child processes: what {@code /cluster}
 * shows, that a paused service really stops answering, and that kill, restart, terminate and the
 * cluster's own stop all work on a paused one. The last test stops the cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PauseResumeTest {
  @RegisterExtension static final ClusterTestSupport cluster = ClusterTestSupport.withReplicas(3);
  /** Short timeouts, for asking a paused service whether it answers. */
  static final OkHttpClient quick = JsonHttpClient.newHttp(Duration.ofMillis(500), Duration.ofSeconds(1));

  @AfterAll
  static void stop() {
    quick.dispatcher().executorService().shutdown();
  }

  private static JsonHttpClient agent() {
    return new JsonHttpClient(cluster.http(), cluster.cluster().agentUrl(), cluster.cluster().adminToken());
  }

  private static ServiceInfo call(String name, String action) throws IOException {
    return agent().post(List.of("services", name, action), null, ServiceInfo.class);
  }

  private static ServiceInfo service(String name) throws IOException {
    return cluster.agent().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static String follower() {
    String leader = cluster.supervisor().awaitLeader();
    return cluster.supervisor().names().stream()
        .filter(name -> name.startsWith("order-") && !name.equals(leader)).findFirst().orElseThrow();
  }

  private static boolean answers(String url) {
    try {
      new JsonHttpClient(quick, url, null).get(List.of("health"), ServiceHealth.class);
      return true;
    } catch (IOException silent) {
      return false;
    }
  }

  /** The process state the kernel reports: {@code T} for stopped by a signal. */
  @Test
  void aPausedFollowerIsFrozenUntilItIsResumed() throws IOException {
    String follower = follower();
    ServiceInfo before = service(follower);

    ServiceInfo paused = call(follower, "pause");

    assertThat(paused.paused()).isTrue();
    assertThat(paused.alive()).isTrue();
    assertThat(paused.pid()).isEqualTo(before.pid());
    assertThat(Signal.state(paused.pid())).as("kernel state of %s", follower).isEqualTo('T');
    assertThat(service(follower).paused()).as("/cluster while paused").isTrue();
    assertThat(answers(paused.url())).as("%s answers /health while paused", follower).isFalse();
    assertThat(cluster.agent().services()).filteredOn(s -> !s.name().equals(follower))
        .allSatisfy(s -> assertThat(s.paused()).as(s.name()).isFalse());

    ServiceInfo resumed = call(follower, "resume");

    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.pid()).isEqualTo(before.pid());
    assertThat(Signal.state(resumed.pid())).isNotEqualTo('T');
    Deadline.await(Duration.ofSeconds(10), follower + " to answer again", () -> answers(resumed.url()));
    Deadline.await(Duration.ofSeconds(10), follower + " to report its role", () -> {
      try {
        return service(follower).role() == toystore.model.Role.FOLLOWER;
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    assertThat(service(follower).paused()).isFalse();
  }

  @Test
  void killAndRestartWorkOnAPausedService() throws IOException {
    String follower = follower();
    long pid = call(follower, "pause").pid();

    cluster.agent().kill(follower);

    assertThat(Deadline.gone(pid)).as("pid %d gone when kill returns", pid).isTrue();
    assertThat(service(follower)).satisfies(s -> {
      assertThat(s.alive()).isFalse();
      assertThat(s.paused()).isFalse();
    });
    cluster.agent().restart(follower);
    ServiceInfo restarted = service(follower);
    assertThat(restarted.paused()).isFalse();
    assertThat(answers(restarted.url())).isTrue();

    long pausedPid = call(follower, "pause").pid();
    cluster.agent().restart(follower);

    ServiceInfo again = service(follower);
    assertThat(Deadline.gone(pausedPid)).isTrue();
    assertThat(again.pid()).isNotEqualTo(pausedPid);
    assertThat(again.paused()).isFalse();
    assertThat(answers(again.url())).isTrue();
  }

  @Test
  void terminatingAPausedServiceResumesItFirstSoItStopsByItself() throws IOException {
    String follower = follower();
    call(follower, "pause");

    int exit = cluster.supervisor().terminate(follower);

    // 143 is a clean exit on SIGTERM; a frozen process could not act on it and would get SIGKILL (137).
    assertThat(exit).as("exit status of %s; its log:%n%s", follower, cluster.logTail(follower)).isEqualTo(143);
    cluster.agent().restart(follower);
  }

  @Test
  void pauseAndResumeNeedAKnownRunningService() throws IOException {
    for (String action : List.of("pause", "resume")) {
      assertThatThrownBy(() -> call("order-9", action)).as(action)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
    String follower = follower();
    cluster.agent().kill(follower);
    for (String action : List.of("pause", "resume")) {
      assertThatThrownBy(() -> call(follower, action)).as(action)
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).isEqualTo(follower + " is not running");
          });
    }
    assertThat(service(follower).alive()).isFalse();
    cluster.agent().restart(follower);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void closingTheClusterWithPausedChildrenFinishesAndLeavesNoProcess() throws IOException {
    String follower = follower();
    call(follower, "pause");
    call("catalog", "pause");
    List<ServiceInfo> services = cluster.agent().services();

    cluster.close();

    assertThat(services).allSatisfy(s -> {
      assertThat(Deadline.gone(s.pid())).as("%s (pid %d) gone", s.name(), s.pid()).isTrue();
      int port = Integer.parseInt(s.url().substring(s.url().lastIndexOf(':') + 1));
      assertThat(Deadline.portFree(port)).as("port of %s free", s.name()).isTrue();
    });
  }
}
