package toystore.order.simulation;

import java.util.ArrayDeque;

/**
 * A process of the simulated cluster as the network sees it: up or down, paused or running, and
 * its incarnation (a restart is a new one: what was sent to or by the old one is lost, as with a
 * broken connection). While paused, whatever arrives waits in its inbox and is handled on resume.
 */
abstract class SimProcess {
  final int address;
  final String name;
  private boolean up = true;
  private boolean paused;
  private int incarnation;
  private final ArrayDeque<Runnable> inbox = new ArrayDeque<>();

  SimProcess(int address, String name) {
    this.address = address;
    this.name = name;
  }

  final boolean up() {
    return up;
  }

  final boolean paused() {
    return paused;
  }

  final boolean running() {
    return up && !paused;
  }

  final int incarnation() {
    return incarnation;
  }

  /** Runs {@code work} in incarnation {@code sentTo}: at once, after a pause, or never (down, restarted). */
  final void deliver(int sentTo, Runnable work) {
    if (!up || sentTo != incarnation) {
      return;
    }
    if (paused) {
      inbox.add(() -> deliver(sentTo, work));
    } else {
      work.run();
    }
  }

  final void pause() {
    paused = true;
  }

  final void resume() {
    paused = false;
    while (!inbox.isEmpty() && running()) {
      inbox.poll().run();
    }
  }

  /** Down: its memory, inbox and connections are gone. */
  void crash() {
    up = false;
    paused = false;
    incarnation++;
    inbox.clear();
  }

  void restart() {
    up = true;
  }
}
