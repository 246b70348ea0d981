package toystore.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import toystore.client.AgentClient;
import toystore.model.ServiceInfo;

/** Carries out a chaos plan through the agent, on time, and reports each fault as it happens. */
public final class ChaosMonkey {
  private final AgentClient agent;
  private final Consumer<FaultEvent> onEvent;
  private String lastKilled;

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

  /** Restarts every service that is not alive, so the cluster can settle for the checker. */
  public List<FaultEvent> heal() throws InterruptedException {
    List<FaultEvent> events = new ArrayList<>();
    List<ServiceInfo> services;
    try {
      services = agent.services();
    } catch (IOException e) {
      events.add(report(new FaultEvent(System.currentTimeMillis(), "heal", null, false, e.getMessage(), 0)));
      return events;
    }
    for (ServiceInfo service : services) {
      if (!service.alive()) {
        events.add(apply(new Fault(0, Fault.Action.RESTART, service.name())));
      }
    }
    return events;
  }

  private FaultEvent apply(Fault fault) throws InterruptedException {
    long at = System.currentTimeMillis();
    String service = fault.service();
    try {
      switch (fault.action()) {
        case KILL_LEADER -> {
          service = agent.killLeader();
          lastKilled = service;
        }
        case KILL -> {
          agent.kill(service);
          lastKilled = service;
        }
        case RESTART -> {
          service = service != null ? service : lastKilled;
          if (service == null) {
            return report(new FaultEvent(at, fault.describe(), null, false, "nothing was killed", 0));
          }
          agent.restart(service);
        }
      }
      return report(new FaultEvent(at, fault.describe(), service, true, "", System.currentTimeMillis() - at));
    } catch (IOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("stopped during " + fault.describe());
      }
      return report(new FaultEvent(at, fault.describe(), service, false, e.getMessage(), System.currentTimeMillis() - at));
    }
  }

  private FaultEvent report(FaultEvent event) {
    onEvent.accept(event);
    return event;
  }
}
