package toystore.gui;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import toystore.model.CacheStatus;

/**
 * The frontend's LRU: its entries from most to least recently used, the hit ratio, and evictions and
 * invalidations as they happen (the counters' growth between two polls, with the toys that left).
 */
final class CacheView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final int MAX_EVENTS = 200;

  private final FlowPane slots = new FlowPane(8, 8);
  private final Label capacity = new Label();
  private final Label ratio = new Label("–");
  private final ProgressBar ratioBar = new ProgressBar(0);
  private final Label hits = value("cacheHits");
  private final Label misses = value("cacheMisses");
  private final Label evictions = value("cacheEvictions");
  private final Label invalidations = value("cacheInvalidations");
  private final ObservableList<String> events = FXCollections.observableArrayList();
  private final VBox root;
  private CacheStatus last;

  CacheView() {
    slots.setId("cacheSlots");
    Label lruTitle = new Label("LRU entries, most recently used first");
    lruTitle.getStyleClass().add("section-title");
    capacity.getStyleClass().add("muted");
    VBox lru = new VBox(10, lruTitle, slots, capacity);
    lru.getStyleClass().add("panel");

    ratio.setId("hitRatio");
    ratio.getStyleClass().add("big-number");
    Label ratioTitle = new Label("hit ratio");
    ratioTitle.getStyleClass().add("muted");
    ratioBar.setMaxWidth(Double.MAX_VALUE);
    ratioBar.getStyleClass().add("ratio-bar");
    VBox ratioBox = new VBox(4, ratioTitle, ratio, ratioBar);
    ratioBox.setMinWidth(180);
    HBox counters = new HBox(24, ratioBox, stat("hits", hits), stat("misses", misses),
        stat("evictions", evictions), stat("invalidations", invalidations));
    counters.setAlignment(Pos.CENTER_LEFT);
    counters.getStyleClass().add("panel");

    ListView<String> eventList = new ListView<>(events);
    eventList.setId("cacheEvents");
    eventList.setPlaceholder(new Label("no cache changes yet"));
    VBox.setVgrow(eventList, Priority.ALWAYS);
    Label eventsTitle = new Label("Changes");
    eventsTitle.getStyleClass().add("section-title");
    VBox eventBox = new VBox(8, eventsTitle, eventList);
    eventBox.getStyleClass().add("panel");
    VBox.setVgrow(eventBox, Priority.ALWAYS);

    root = new VBox(12, lru, counters, eventBox);
    root.getStyleClass().add("tab-body");
  }

  Node node() {
    return root;
  }

  void update(ClusterState state) {
    if (state.status() == null || state.status().cache() == null) {
      return;
    }
    CacheStatus cache = state.status().cache();
    if (!cache.enabled()) {
      capacity.setText("The frontend runs without a cache (--no-cache).");
      slots.getChildren().clear();
      return;
    }
    showSlots(cache);
    capacity.setText(cache.size() + " of " + cache.capacity() + " entries used");
    long lookups = cache.hits() + cache.misses();
    double hitRatio = lookups == 0 ? 0 : (double) cache.hits() / lookups;
    ratio.setText(lookups == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", hitRatio * 100));
    ratioBar.setProgress(hitRatio);
    hits.setText(Long.toString(cache.hits()));
    misses.setText(Long.toString(cache.misses()));
    evictions.setText(Long.toString(cache.evictions()));
    invalidations.setText(Long.toString(cache.invalidations()));
    if (last != null) {
      recordChanges(last, cache);
    }
    last = cache;
  }

  private void showSlots(CacheStatus cache) {
    List<Node> chips = new ArrayList<>();
    for (int i = 0; i < Math.max(cache.capacity(), cache.keys().size()); i++) {
      Label chip;
      if (i < cache.keys().size()) {
        chip = new Label((i + 1) + "  " + cache.keys().get(i));
        chip.getStyleClass().addAll("chip", i == 0 ? "chip-mru" : "chip-used");
      } else {
        chip = new Label((i + 1) + "  empty");
        chip.getStyleClass().addAll("chip", "chip-empty");
      }
      chips.add(chip);
    }
    slots.getChildren().setAll(chips);
  }

  /** Two polls apart the LRU may have changed several times; this shows the net difference. */
  private void recordChanges(CacheStatus before, CacheStatus now) {
    List<String> gone = before.keys().stream().filter(k -> !now.keys().contains(k)).toList();
    List<String> added = now.keys().stream().filter(k -> !before.keys().contains(k)).toList();
    long evicted = now.evictions() - before.evictions();
    long invalidated = now.invalidations() - before.invalidations();
    String time = LocalTime.now().format(TIME);
    if (evicted > 0) {
      add(time + "  evicted " + evicted + (gone.isEmpty() ? "" : " — left: " + String.join(", ", gone)));
    } else if (!gone.isEmpty()) {
      add(time + "  left the cache: " + String.join(", ", gone));
    }
    if (!added.isEmpty()) {
      add(time + "  cached: " + String.join(", ", added));
    }
    if (invalidated > 0) {
      add(time + "  " + invalidated + (invalidated == 1 ? " invalidation" : " invalidations") + " received");
    }
  }

  private void add(String event) {
    events.add(0, event);
    if (events.size() > MAX_EVENTS) {
      events.remove(MAX_EVENTS, events.size());
    }
  }

  private static Label value(String id) {
    Label label = new Label("–");
    label.setId(id);
    label.getStyleClass().add("big-number");
    return label;
  }

  private static Node stat(String title, Label value) {
    Label caption = new Label(title);
    caption.getStyleClass().add("muted");
    return new VBox(4, caption, value);
  }
}
