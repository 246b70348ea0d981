package toystore.demo;

import java.util.List;

/** Stands in for the dashboard's jar in {@link GuiCommandTest}: shows what it was given, exits 3. */
public final class FakeDashboard {
  private FakeDashboard() {}

  public static void main(String[] args) {
    System.out.println("fake dashboard " + List.of(args));
    System.exit(3);
  }
}
