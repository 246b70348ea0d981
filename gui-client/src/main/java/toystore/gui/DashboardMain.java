package toystore.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import toystore.config.Version;
import toystore.connect.DashboardOptions;
import toystore.connect.StoreAddress;
import toystore.connect.StoreNotFoundException;

/**
 * {@code toystore gui}: opens the dashboard. A plain class rather than a JavaFX {@code Application}
 * (which cannot be a shaded jar's main class): it starts the FX platform itself and returns once the
 * window has closed. Its command line is {@link DashboardOptions}, the same as {@code toystore gui}
 * run from the main jar, which hands it on to this one.
 */
@Command(
    name = "toystore gui",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    header = DashboardOptions.HEADER,
    description = DashboardOptions.DESCRIPTION)
public final class DashboardMain implements Callable<Integer> {
  @Mixin private DashboardOptions options;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DashboardMain()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    StoreAddress address;
    try {
      address = options.locate();
    } catch (StoreNotFoundException e) {
      System.err.println("toystore gui: " + e.getMessage());
      return 2;
    }
    long chosenSeed = options.seedOrRandom();

    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<String> failure = new AtomicReference<>();
    try {
      Platform.startup(() -> {
        try {
          Stage stage = new Stage();
          stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> closed.countDown());
          new Dashboard(address, chosenSeed, options.exportDirectory()).show(stage);
        } catch (RuntimeException e) {
          failure.set(String.valueOf(e.getMessage()));
          closed.countDown();
        }
      });
    } catch (UnsupportedOperationException e) {
      System.err.println("toystore gui: cannot open a window (" + e.getMessage() + "); is DISPLAY set?");
      return 1;
    }
    closed.await();
    Platform.exit();
    if (failure.get() != null) {
      System.err.println("toystore gui: the dashboard failed to start: " + failure.get());
      return 1;
    }
    return 0;
  }
}
