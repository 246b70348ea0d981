package toystore.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import toystore.client.AgentClient;
import toystore.model.Isolation;
import toystore.model.Role;
import toystore.model.ServiceInfo;

/**
 * Carries out a chaos plan through the agent, on time, and reports each fault and heal as it
 * happens. It remembers what the fault in force hit, so a heal planned without a name (after a
 * fault aimed at whoever led) undoes exactly that.
 */
public final class ChaosMonkey {
  private final AgentClient agent;
  private final Consumer<FaultEvent> onEvent;
  private String lastKilled;
  private String lastPaused;
  private String lastCutOff;
  private String lastPartition;

  public ChaosMonkey(AgentClient agent, Consumer<FaultEvent> onEvent) {
    this.agent = agent;
    this.onEvent = onEvent;
  }

  /** Runs {@code plan} with its offsets counted from now; a fault that falls behind runs at once. */
  public List<FaultEvent> run(List<Fault> plan) throws InterruptedException {
    long start = System.currentTimeMillis();
    List<FaultEvent> events = new ArrayList<>();
    for (Fault fault : plan) {
      long wait = start + fault.offsetMs() - System.currentTimeMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      events.add(apply(fault));
    }
    return events;
  }

  private FaultEvent apply(Fault fault) throws InterruptedException {
    long at = System.currentTimeMillis();
    String service = fault.service();
    try {
      service = switch (fault.action()) {
        case KILL_LEADER -> lastKilled = agent.killLeader();
        case KILL -> {
          agent.kill(service);
          yield lastKilled = service;
        }
        case RESTART -> {
          String target = require(service != null ? service : lastKilled, "nothing was killed");
          agent.restart(target);
          yield target;
        }
        case PAUSE_LEADER -> lastPaused = agent.pauseLeader();
        case PAUSE -> {
          agent.pause(service);
          yield lastPaused = service;
        }
        case RESUME -> {
          String target = require(service != null ? service : lastPaused, "nothing was paused");
          agent.resume(target);
          yield target;
        }
        case ISOLATE_LEADER -> {
          Isolation isolation = agent.isolateLeader();
          lastPartition = isolation.id();
          yield lastCutOff = isolation.isolated();
        }
        case ISOLATE -> {
          List<String> everyoneElse = agent.services().stream().map(ServiceInfo::name).filter(n -> !n.equals(fault.service())).toList();
          lastPartition = agent.partition(List.of(List.of(service), everyoneElse)).id();
          yield lastCutOff = service;
        }
        case CUT_LEADER_FROM_FOLLOWERS -> {
          Isolation cut = agent.cutLeaderOff();
          lastPartition = cut.id();
          yield lastCutOff = cut.isolated();
        }
        case CUT_FRONTEND_FROM_LEADER -> {
          List<ServiceInfo> services = agent.services();
          String leader = leader(services);
          lastPartition = agent.partition(List.of(List.of(frontend(services)), List.of(leader))).id();
          yield lastCutOff = leader;
        }
        case HEAL -> {
          agent.heal(require(lastPartition, "no partition was made"));
          lastPartition = null;
          yield lastCutOff;
        }
        case HEAL_ALL -> {
          agent.healAll();
          lastPartition = null;
          yield null;
        }
      };
      return report(new FaultEvent(at, fault.action(), fault.describe(), service, true, "", System.currentTimeMillis() - at));
    } catch (Refused e) {
      return report(new FaultEvent(at, fault.action(), fault.describe(), null, false, e.getMessage(), 0));
    } catch (IOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("stopped during " + fault.describe());
      }
      return report(new FaultEvent(at, fault.action(), fault.describe(), service, false, e.getMessage(), System.currentTimeMillis() - at));
    }
  }

  /**
   * Undoes every fault there may be, so the cluster can settle for the checker: resumes paused
   * services, heals every partition, restarts every service that is not alive.
   */
  public List<FaultEvent> heal() throws InterruptedException {
    List<FaultEvent> events = new ArrayList<>();
    List<ServiceInfo> services;
    try {
      services = agent.services();
    } catch (IOException e) {
      events.add(report(new FaultEvent(System.currentTimeMillis(), Fault.Action.HEAL_ALL, "heal the cluster", null, false, e.getMessage(), 0)));
      return events;
    }
    for (ServiceInfo service : services) {
      if (service.alive() && service.paused()) {
        events.add(apply(new Fault(0, Fault.Action.RESUME, service.name())));
      }
    }
    if (partitionsInForce()) {
      events.add(apply(new Fault(0, Fault.Action.HEAL_ALL, null)));
    }
    for (ServiceInfo service : services) {
      if (!service.alive()) {
        events.add(apply(new Fault(0, Fault.Action.RESTART, service.name())));
      }
    }
    return events;
  }

  /** Whether any partition may be in force; when the agent cannot tell, heal anyway and let that call report why. */
  private boolean partitionsInForce() {
    try {
      return !PartitionSupport.inForce(agent).isEmpty();
    } catch (IOException e) {
      return true;
    }
  }

  private static String leader(List<ServiceInfo> services) throws Refused {
    return services.stream()
        .filter(s -> s.isOrderReplica() && s.alive() && !s.paused() && s.role() == Role.LEADER)
        .map(ServiceInfo::name)
        .findFirst()
        .orElseThrow(() -> new Refused("no order leader is known"));
  }

  private static String frontend(List<ServiceInfo> services) throws Refused {
    return services.stream()
        .filter(s -> "frontend".equals(s.kind()))
        .map(ServiceInfo::name)
        .findFirst()
        .orElseThrow(() -> new Refused("the agent runs no frontend"));
  }

  private static String require(String target, String otherwise) throws Refused {
    if (target == null) {
      throw new Refused(otherwise);
    }
    return target;
  }

  private FaultEvent report(FaultEvent event) {
    onEvent.accept(event);
    return event;
  }

  /** A step that cannot be carried out at all (nothing to heal, no leader to aim at). */
  private static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }
}
