package toystore.gui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import toystore.client.AgentClient;
import toystore.client.JsonHttpClient;
import toystore.client.StoreClient;
import toystore.connect.AgentUse;
import toystore.connect.ClusterOptions;
import toystore.connect.StoreAddress;
import toystore.connect.StoreNotFoundException;

/**
 * Takes the README's screenshots of a running cluster: the dashboard in normal operation after some
 * orders, its cache tab, the load tab just after a leader kill under load, once another replica
 * leads, the cards with the leader cut off by a partition and a follower paused, and the Replication
 * tab while the leader is cut off from its followers under orders (its uncommitted tail beside the
 * new epoch's entries) and after the heal. Run by
 * docs/screenshots.sh under Xvfb (as root, so the agent can make partitions); it drives the real
 * window through its own buttons.
 */
@Command(
    name = "dashboard-screenshots",
    mixinStandardHelpOptions = true,
    description = "Opens the dashboard against a running cluster and writes dashboard.png, dashboard-cache.png,"
        + " dashboard-failover.png, dashboard-faults.png, dashboard-replication.png and"
        + " dashboard-replication-healed.png.")
public final class DashboardScreenshots implements Callable<Integer> {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(6);
  private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(6);
  private static final Duration ORDERS_BEFORE_CUT = Duration.ofSeconds(2);
  private static final Duration ORDERS_AFTER_CUT = Duration.ofMillis(500);
  private static final int ORDERING_CLIENTS = 3;
  private static final List<String> ORDERS = List.of("Whale", "Tux", "Lego", "Fox", "Whale", "Dolphin", "Barbie", "Tux");

  @Mixin private ClusterOptions cluster;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/img",
      description = "where the PNGs go (default: ${DEFAULT-VALUE})")
  Path out;

  private Dashboard dashboard;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DashboardScreenshots()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    StoreAddress address;
    try {
      // The agent is needed: the screenshots show a leader kill and a partition.
      address = cluster.locate(AgentUse.REQUIRED, ClusterOptions.toolHttp());
    } catch (StoreNotFoundException e) {
      System.err.println("dashboard-screenshots: " + e.getMessage());
      return 2;
    }
    Platform.startup(() -> {
      dashboard = new Dashboard(address, 42);
      dashboard.show(new Stage());
    });
    try {
      String leader = await("a leader card", this::leaderName);
      placeOrders(address);
      await("the order result", () -> text("#orderResult").filter(t -> t.startsWith("Order #")));
      await("the lookup result", () -> text("#lookupResult").filter(t -> t.startsWith("Order #")));
      await("the stock table", () -> onFx(() -> {
        TableView<?> table = (TableView<?>) dashboard.scene().lookup("#productTable");
        return table.getItems().isEmpty() ? Optional.<Boolean>empty() : Optional.of(true);
      }));
      settle();
      snapshot(out.resolve("dashboard.png"));

      showTab("cacheTab");
      settle();
      snapshot(out.resolve("dashboard-cache.png"));

      // The failover happens under load, so the charts show what the clients saw meanwhile.
      showTab("loadTab");
      press("#loadStart");
      Thread.sleep(LOAD_BEFORE_KILL.toMillis());
      press("#killLeaderButton");
      String newLeader = await("a new leader card", () -> leaderName().filter(name -> !name.equals(leader)));
      Thread.sleep(LOAD_AFTER_KILL.toMillis());
      snapshot(out.resolve("dashboard-failover.png"));
      press("#loadStop");
      await("the end of the load run", () -> text("#loadPhase").filter(t -> t.startsWith("Load finished")));
      System.out.println("leader " + leader + " killed under load; " + newLeader + " took over; "
          + text("#loadPhase").orElse(""));

      // The killed leader back first: the partition must leave a majority to elect a new leader.
      press("#restart-" + leader);
      await(leader + " UP again", () -> text("#health-" + leader).filter("UP"::equals));

      // Two faults at once, so one picture shows both marks: the leader cut off, then a follower paused.
      showTab("shopTab");
      String cut = await("a leader card", this::leaderName);
      press("#cutLeaderButton");
      await("the cut-off leader marked ISOLATED", () -> marked(cut, "isolated"));
      String successor = await("a leader other than the cut-off one", () -> leaderName().filter(name -> !name.equals(cut)));
      String paused = await("a follower card", () -> follower(cut, successor));
      press("#pause-" + paused);
      await("the follower marked PAUSED", () -> marked(paused, "paused"));
      settle();
      snapshot(out.resolve("dashboard-faults.png"));
      press("#resume-" + paused);
      press("#healButton");
      await("the marks cleared", () -> marked(paused, "paused").isEmpty() && marked(cut, "isolated").isEmpty()
          ? Optional.of(true) : Optional.empty());
      System.out.println(cut + " cut off, " + successor + " took over, " + paused + " paused; healed.");

      replicationMidFailover(address);
      System.out.println("Screenshots in " + out);
      return 0;
    } finally {
      onFx(() -> {
        dashboard.close();
        return null;
      });
      Platform.exit();
    }
  }

  /**
   * The Replication tab while clients order and the leader is cut off from its followers (the
   * frontend still reaches it): its entries above its commit number stay in its old epoch's colour,
   * dashed, while the majority commits the same numbers in the new epoch; then the heal, after which
   * its column is the others' again.
   */
  private void replicationMidFailover(StoreAddress address) throws Exception {
    await("every replica UP", () -> onFx(() -> dashboard.scene().getRoot().lookupAll(".card.order").stream()
        .allMatch(card -> card.getStyleClass().contains("up")) ? Optional.of(true) : Optional.<Boolean>empty()));
    showTab("replicationTab");
    OkHttpClient http = JsonHttpClient.newHttp(Backend.CONNECT_TIMEOUT, Duration.ofSeconds(10));
    StoreClient store = new StoreClient(http, address.frontendUrl());
    AgentClient agent = new AgentClient(http, address.agentUrl(), address.adminToken());
    String cut = cutUnderOrders(store, agent);
    await("the First uncommitted button", () -> onFx(() -> dashboard.scene().lookup("#logUncommitted").isDisabled()
        ? Optional.<Boolean>empty() : Optional.of(true)));
    press("#logUncommitted");
    await(cut + "'s uncommitted tail in view", () -> uncommittedIn(cut));
    settle();
    snapshot(out.resolve("dashboard-replication.png"));
    press("#healButton");
    await(cut + " back at lag 0", () -> text("#replLag-" + cut).filter("lag 0"::equals));
    await(cut + "'s tail replaced", () -> uncommittedIn(cut).isPresent() ? Optional.empty() : Optional.of(true));
    settle();
    snapshot(out.resolve("dashboard-replication-healed.png"));
    System.out.println(cut + " cut off from its followers under orders, its tail replaced after the heal.");
  }

  /**
   * Presses "Cut the leader off from its followers" while clients order, and stops them shortly after
   * another replica leads, so the old leader's tail is not far behind the newest entries.
   *
   * @return the replica cut off: the one the partition set apart
   */
  private String cutUnderOrders(StoreClient store, AgentClient agent) throws Exception {
    AtomicBoolean ordering = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(ORDERING_CLIENTS);
    try {
      for (int i = 0; i < ORDERING_CLIENTS; i++) {
        int client = i;
        clients.execute(() -> keepOrdering(store, ordering, client));
      }
      Thread.sleep(ORDERS_BEFORE_CUT.toMillis());
      press("#cutFollowersButton");
      String cut = await("the leader cut off", () -> agent.partitions().stream()
          .flatMap(p -> p.groups().stream()).filter(group -> group.size() == 1).map(group -> group.get(0)).findFirst());
      await("a leader other than the cut-off one", () -> leaderName().filter(name -> !name.equals(cut)));
      Thread.sleep(ORDERS_AFTER_CUT.toMillis());
      return cut;
    } finally {
      ordering.set(false);
      clients.shutdown();
      clients.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** One client's orders until told to stop; an outcome lost in the failover is simply not counted. */
  private static void keepOrdering(StoreClient store, AtomicBoolean ordering, int client) {
    for (int i = client; ordering.get(); i++) {
      try {
        store.order(ORDERS.get(i % ORDERS.size()), 1, null);
      } catch (IOException e) {
        // A 503 while leadership moves: the next order goes to the new leader.
      }
    }
  }

  /** {@code name} while its column in the Replication tab shows an uncommitted entry. */
  private Optional<String> uncommittedIn(String name) throws Exception {
    return onFx(() -> {
      @SuppressWarnings("unchecked")
      TableView<LogTable.Row> table = (TableView<LogTable.Row>) dashboard.scene().lookup("#replicationTable");
      int column = 0;
      for (int i = 1; i < table.getColumns().size(); i++) {
        if (("logColumn-" + name).equals(table.getColumns().get(i).getId())) {
          column = i;
        }
      }
      int index = column - 1;
      boolean tail = column > 0 && table.getItems().stream()
          .anyMatch(row -> index < row.cells().size() && row.cells().get(index).mark() == LogTable.Mark.UNCOMMITTED);
      return tail ? Optional.of(name) : Optional.empty();
    });
  }

  /** Some orders straight through the API (so stock and cache move), then one through the form. */
  private void placeOrders(StoreAddress address) throws Exception {
    StoreClient store = new StoreClient(
        JsonHttpClient.newHttp(Backend.CONNECT_TIMEOUT, Duration.ofSeconds(10)), address.frontendUrl());
    long last = 0;
    for (int i = 0; i < ORDERS.size(); i++) {
      last = store.order(ORDERS.get(i), 1 + i % 3, null);
      store.product(ORDERS.get(i));
    }
    long lookup = last;
    onFx(() -> {
      @SuppressWarnings("unchecked")
      ComboBox<String> toy = (ComboBox<String>) dashboard.scene().lookup("#toyChoice");
      toy.getSelectionModel().select("Elephant");
      ((TextField) dashboard.scene().lookup("#quantityField")).setText("2");
      ((Button) dashboard.scene().lookup("#orderButton")).fire();
      ((TextField) dashboard.scene().lookup("#lookupField")).setText(Long.toString(lookup));
      ((Button) dashboard.scene().lookup("#lookupButton")).fire();
      return null;
    });
  }

  private void showTab(String id) throws Exception {
    onFx(() -> {
      TabPane tabs = (TabPane) dashboard.scene().lookup("#tabs");
      tabs.getTabs().stream().filter(tab -> id.equals(tab.getId())).findFirst()
          .ifPresent(tab -> tabs.getSelectionModel().select(tab));
      return null;
    });
  }

  private void press(String button) throws Exception {
    onFx(() -> {
      ((Button) dashboard.scene().lookup(button)).fire();
      return null;
    });
  }

  private Optional<String> leaderName() throws Exception {
    return onFx(() -> {
      Node leader = dashboard.scene().lookup(".card.leader");
      return leader == null ? Optional.empty() : Optional.of(leader.getId().substring("card-".length()));
    });
  }

  /** {@code name} when its card carries {@code styleClass}. */
  private Optional<String> marked(String name, String styleClass) throws Exception {
    return onFx(() -> {
      Node card = dashboard.scene().lookup("#card-" + name);
      return card != null && card.getStyleClass().contains(styleClass) ? Optional.of(name) : Optional.empty();
    });
  }

  /** An order replica that is neither of the two named. */
  private Optional<String> follower(String one, String other) throws Exception {
    return onFx(() -> dashboard.scene().getRoot().lookupAll(".card.order").stream()
        .map(card -> card.getId().substring("card-".length()))
        .filter(name -> !name.equals(one) && !name.equals(other))
        .findFirst());
  }

  private Optional<String> text(String selector) throws Exception {
    return onFx(() -> {
      Label label = (Label) dashboard.scene().lookup(selector);
      return label == null || label.getText() == null ? Optional.empty() : Optional.of(label.getText());
    });
  }

  /** Two status polls and one product poll, so every panel shows the latest state. */
  private static void settle() throws InterruptedException {
    Thread.sleep(ProductPoller.PERIOD.toMillis() + StatusPoller.PERIOD.toMillis());
  }

  private void snapshot(Path file) throws Exception {
    onFx(() -> {
      Png.write(dashboard.scene().snapshot(null), file);
      return null;
    });
    System.out.println("wrote " + file);
  }

  private interface FxCall<T> {
    T call() throws Exception;
  }

  private interface Probe<T> {
    Optional<T> get() throws Exception;
  }

  private static <T> T await(String what, Probe<T> probe) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("gave up waiting for " + what + " after " + WAIT.toSeconds() + " s");
  }

  private static <T> T onFx(FxCall<T> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(() -> {
      try {
        result.complete(call.call());
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
