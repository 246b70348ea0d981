package toystore.gui;

import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import toystore.client.ApiException;
import toystore.model.OrderRequests;
import toystore.model.Product;

/** The shop: the catalog as a live table, an order form and an order lookup. */
final class ShopView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** One table row; {@code cached} is whether the frontend's LRU holds the toy right now. */
  record ProductRow(String name, double price, int stock, boolean cached) {}

  /** An order whose outcome is unknown (503 or no answer): pressing Order again with it reuses its key. */
  private record Unsettled(String toy, int quantity, String key) {}

  private final Backend backend;
  private final ProductPoller poller;
  private final Map<String, Product> products = new LinkedHashMap<>();
  private Set<String> cachedNames = Set.of();
  private final ObservableList<ProductRow> rows = FXCollections.observableArrayList();
  private final Label tableNote = new Label();
  private final ComboBox<String> toyChoice = new ComboBox<>();
  private final TextField quantityField = new TextField("1");
  private final Button orderButton = new Button("Place order");
  private final Label orderResult = new Label();
  private final TextField lookupField = new TextField();
  private final Button lookupButton = new Button("Look up");
  private final Label lookupResult = new Label();
  private final ObservableList<String> placed = FXCollections.observableArrayList();
  private final HBox root;
  private Unsettled unsettled;

  ShopView(Backend backend) {
    this.backend = backend;
    this.poller = new ProductPoller(backend, this::onProducts);
    root = new HBox(16, productTable(), forms());
    root.getStyleClass().add("tab-body");
  }

  Node node() {
    return root;
  }

  void startPolling() {
    poller.start();
  }

  /** Keeps the "cached" column in step with the frontend's cache. */
  void update(ClusterState state) {
    if (state.status() != null && state.status().cache() != null) {
      cachedNames = new HashSet<>(state.status().cache().keys());
      refreshRows();
    }
  }

  private void onProducts(ProductPoller.Round round) {
    round.products().forEach(p -> products.put(p.name(), p));
    offerToys(round.products().stream().map(Product::name).toList());
    String time = LocalTime.now().format(TIME);
    tableNote.setText(round.problem() == null
        ? "Refreshed " + time + " · stock read every 2 s from the catalog, past the cache"
        : "Could not refresh at " + time + ": " + round.problem());
    Styles.toggle(tableNote, "warning", round.problem() != null);
    refreshRows();
  }

  /** The order form offers the toys the catalog lists; the choice made stays while its toy is listed. */
  private void offerToys(List<String> toys) {
    if (toys.isEmpty() || toys.equals(toyChoice.getItems())) {
      return;
    }
    String chosen = toyChoice.getValue();
    toyChoice.getItems().setAll(toys);
    toyChoice.getSelectionModel().select(chosen != null && toys.contains(chosen) ? chosen : toys.get(0));
  }

  private void refreshRows() {
    rows.setAll(products.values().stream()
        .map(p -> new ProductRow(p.name(), p.price(), p.quantity(), cachedNames.contains(p.name())))
        .toList());
  }

  private Node productTable() {
    TableView<ProductRow> table = new TableView<>(rows);
    table.setId("productTable");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("waiting for the catalog…"));
    TableColumn<ProductRow, String> name = column("Toy", ProductRow::name);
    TableColumn<ProductRow, String> price = column("Price", r -> String.format(Locale.ROOT, "$%.2f", r.price()));
    TableColumn<ProductRow, Integer> stock = column("Stock", ProductRow::stock);
    stock.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(Integer value, boolean empty) {
        super.updateItem(value, empty);
        setText(empty || value == null ? null : value.toString());
        Styles.toggle(this, "out-of-stock", !empty && value != null && value == 0);
      }
    });
    TableColumn<ProductRow, String> cached = column("Cached", r -> r.cached() ? "● cached" : "");
    cached.setCellFactory(c -> new TableCell<>() {
      @Override
      protected void updateItem(String value, boolean empty) {
        super.updateItem(value, empty);
        setText(empty ? null : value);
        Styles.toggle(this, "cached-cell", !empty && value != null && !value.isEmpty());
      }
    });
    List.of(price, stock, cached).forEach(c -> c.getStyleClass().add("numeric"));
    table.getColumns().addAll(List.of(name, price, stock, cached));
    VBox.setVgrow(table, Priority.ALWAYS);

    CheckBox live = new CheckBox("live");
    live.setSelected(true);
    live.setMinWidth(Region.USE_PREF_SIZE);
    tableNote.getStyleClass().add("muted");
    tableNote.setWrapText(true);
    tableNote.setMinHeight(Region.USE_PREF_SIZE);
    HBox.setHgrow(tableNote, Priority.ALWAYS);
    HBox footer = new HBox(8, tableNote, live);
    footer.setAlignment(Pos.CENTER_LEFT);

    Label title = new Label("Catalog");
    title.getStyleClass().add("section-title");
    VBox box = new VBox(8, title, table, footer);
    box.getStyleClass().add("panel");
    HBox.setHgrow(box, Priority.ALWAYS);
    // Unticking pauses the polling, so the cache statistics show only other clients' queries.
    live.setId("liveStock");
    live.selectedProperty().addListener((obs, was, on) -> poller.setEnabled(on));
    return box;
  }

  private Node forms() {
    toyChoice.setId("toyChoice");
    toyChoice.setMaxWidth(Double.MAX_VALUE);
    quantityField.setId("quantityField");
    quantityField.setPrefColumnCount(6);
    orderButton.setId("orderButton");
    orderButton.getStyleClass().add("primary");
    orderButton.setDefaultButton(true);
    orderButton.setOnAction(e -> placeOrder());
    orderResult.setId("orderResult");
    orderResult.setWrapText(true);
    orderResult.getStyleClass().add("result");
    HBox orderRow = new HBox(8, toyChoice, quantityField);
    HBox.setHgrow(toyChoice, Priority.ALWAYS);
    VBox order = card("Place an order", orderRow, orderButton, orderResult);

    lookupField.setId("lookupField");
    lookupField.setPromptText("order number");
    lookupButton.setId("lookupButton");
    lookupButton.setMinWidth(Region.USE_PREF_SIZE);
    lookupButton.setOnAction(e -> lookUp());
    lookupField.setOnAction(e -> lookUp());
    lookupResult.setId("lookupResult");
    lookupResult.setWrapText(true);
    lookupResult.getStyleClass().add("result");
    HBox lookupRow = new HBox(8, lookupField, lookupButton);
    HBox.setHgrow(lookupField, Priority.ALWAYS);
    VBox lookup = card("Look up an order", lookupRow, lookupResult);

    ListView<String> placedList = new ListView<>(placed);
    placedList.setId("placedOrders");
    placedList.setPlaceholder(new Label("none yet"));
    placedList.setPrefHeight(120);
    placedList.getSelectionModel().selectedItemProperty().addListener((obs, was, item) -> {
      if (item != null) {
        lookupField.setText(item.substring(1, item.indexOf(' ')));
      }
    });
    VBox.setVgrow(placedList, Priority.ALWAYS);
    VBox recent = card("Placed from this window", placedList);
    VBox.setVgrow(recent, Priority.ALWAYS);

    VBox forms = new VBox(12, order, lookup, recent);
    forms.setPrefWidth(320);
    forms.setMinWidth(280);
    return forms;
  }

  private void placeOrder() {
    String toy = toyChoice.getValue();
    Integer quantity = parseQuantity(quantityField.getText());
    if (toy == null) {
      show(orderResult, "error", "Choose a toy first.");
      return;
    }
    if (quantity == null) {
      show(orderResult, "error",
          "Quantity must be a whole number from 1 to " + String.format(Locale.ROOT, "%,d", OrderRequests.MAX_QUANTITY) + ".");
      return;
    }
    String key = unsettled != null && unsettled.toy().equals(toy) && unsettled.quantity() == quantity
        ? unsettled.key()
        : UUID.randomUUID().toString();
    orderButton.setDisable(true);
    show(orderResult, "pending", "Placing " + quantity + " × " + toy + "…");
    backend.run(
        () -> backend.store().order(toy, quantity, key),
        number -> {
          orderButton.setDisable(false);
          unsettled = null;
          show(orderResult, "success", "Order #" + number + " placed: " + quantity + " × " + toy);
          placed.add(0, "#" + number + "  " + quantity + " × " + toy + "  at " + LocalTime.now().format(TIME));
        },
        failure -> {
          orderButton.setDisable(false);
          if (outcomeUnknown(failure)) {
            unsettled = new Unsettled(toy, quantity, key);
            show(orderResult, "warning", "Outcome unknown: " + Problems.describe(failure)
                + ". Press Place order again to settle it (same idempotency key, buys at most once).");
          } else {
            unsettled = null;
            show(orderResult, "error", "Order rejected: " + Problems.describe(failure));
          }
        });
  }

  private void lookUp() {
    long number;
    try {
      number = Long.parseLong(lookupField.getText().strip());
    } catch (NumberFormatException e) {
      show(lookupResult, "error", "An order number is a whole number, like 17.");
      return;
    }
    if (number < 0) {
      show(lookupResult, "error", "An order number is a whole number, like 17.");
      return;
    }
    lookupButton.setDisable(true);
    show(lookupResult, "pending", "Looking up order #" + number + "…");
    backend.run(
        () -> backend.store().lookup(number),
        found -> {
          lookupButton.setDisable(false);
          show(lookupResult, "success", "Order #" + found.number() + ": " + found.quantity() + " × " + found.name());
        },
        failure -> {
          lookupButton.setDisable(false);
          if (failure instanceof ApiException api && api.status() == 404) {
            show(lookupResult, "error", "No order #" + number + ".");
          } else {
            show(lookupResult, "error", "Lookup failed: " + Problems.describe(failure));
          }
        });
  }

  /** A 503 or no answer at all: the order may or may not have been bought. */
  private static boolean outcomeUnknown(Exception failure) {
    if (failure instanceof ApiException api) {
      return api.status() == 503;
    }
    return failure instanceof IOException;
  }

  private static Integer parseQuantity(String text) {
    try {
      int quantity = Integer.parseInt(text.strip());
      return quantity >= 1 && quantity <= OrderRequests.MAX_QUANTITY ? quantity : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void show(Label label, String tone, String text) {
    label.setText(text);
    label.getStyleClass().removeAll("success", "error", "warning", "pending");
    label.getStyleClass().add(tone);
  }

  private static VBox card(String title, Node... content) {
    Label heading = new Label(title);
    heading.getStyleClass().add("section-title");
    VBox card = new VBox(8, heading);
    card.getChildren().addAll(content);
    card.getStyleClass().add("panel");
    return card;
  }

  private static <T> TableColumn<ProductRow, T> column(String title, Function<ProductRow, T> value) {
    TableColumn<ProductRow, T> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    column.setSortable(false);
    return column;
  }
}
