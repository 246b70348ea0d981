package toystore.gui;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import toystore.gui.ServiceView.Health;
import toystore.gui.TimelineEvent.Kind;

/**
 * Compares each poll with the one before and writes what changed to the timeline: a service going
 * down, syncing or coming back, and every change of order leader.
 */
final class ChangeWatch {
  private final EventTimeline timeline;
  private final String frontendUrl;
  private final Map<String, Health> lastHealth = new HashMap<>();
  private String lastLeader;
  /** The leader before the current one, for "(was order-3)" even across a leaderless gap. */
  private String previousLeader;
  private boolean first = true;

  ChangeWatch(EventTimeline timeline, String frontendUrl) {
    this.timeline = timeline;
    this.frontendUrl = frontendUrl;
  }

  void accept(ClusterState state) {
    List<ServiceView> views = state.views(frontendUrl);
    String leader = state.leader().map(ServiceView::name).orElse(null);
    if (first) {
      first = false;
      timeline.add(Kind.INFO, leader == null ? "Connected; no order leader yet" : "Connected; " + leader + " leads");
    } else {
      for (ServiceView view : views) {
        Health before = lastHealth.get(view.name());
        if (before != null && before != view.health()) {
          describe(view.name(), before, view.health());
        }
      }
      if (!Objects.equals(leader, lastLeader)) {
        if (leader == null) {
          timeline.add(Kind.FAULT, "No order leader (was " + lastLeader + ")");
        } else {
          timeline.add(Kind.LEADER, leader + " is the leader" + (previousLeader == null ? "" : " (was " + previousLeader + ")"));
        }
      }
    }
    // An unknown health is a source that went quiet for one poll, not a change of the service.
    views.stream()
        .filter(view -> view.health() != Health.UNKNOWN)
        .forEach(view -> lastHealth.put(view.name(), view.health()));
    if (leader != null) {
      previousLeader = leader;
    }
    lastLeader = leader;
  }

  private void describe(String name, Health before, Health now) {
    switch (now) {
      case DOWN -> timeline.add(Kind.FAULT, name + " is DOWN");
      case SYNCING -> timeline.add(Kind.INFO, name + " is SYNCING (catching up)");
      case UP -> timeline.add(Kind.RECOVERY, name + " is UP" + (before == Health.SYNCING ? " (caught up)" : ""));
      case UNKNOWN -> { }
    }
  }
}
