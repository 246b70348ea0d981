package toystore.gui;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import toystore.gui.ServiceView.Kind;

/**
 * Asks before killing the catalog or a frontend: unlike a replica, the store has one of each (per
 * frontend), so killing it stops orders until a restart. A replica is killed without asking.
 */
final class KillConfirmation {
  static final String DIALOG_ID = "killConfirmation";

  private KillConfirmation() {}

  static boolean needed(Kind kind) {
    return kind == Kind.CATALOG || kind == Kind.FRONTEND;
  }

  /**
   * Shows the question over {@code owner}'s window and runs {@code kill} only if the person confirms.
   * Not modal-blocking ({@code show}, not {@code showAndWait}): the window keeps polling meanwhile.
   */
  static void ask(Node owner, String service, Kind kind, Runnable kill) {
    ButtonType confirm = new ButtonType("Kill " + service, ButtonBar.ButtonData.OK_DONE);
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, consequence(service, kind), confirm, ButtonType.CANCEL);
    alert.setTitle("Kill " + service + "?");
    alert.setHeaderText("Kill " + service + "?");
    alert.getDialogPane().setId(DIALOG_ID);
    alert.getDialogPane().lookupButton(confirm).setId("confirmKill");
    alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelKill");
    if (owner.getScene() != null && owner.getScene().getWindow() != null) {
      alert.initOwner(owner.getScene().getWindow());
    }
    alert.setOnHidden(e -> {
      if (alert.getResult() == confirm) {
        kill.run();
      }
    });
    alert.show();
  }

  private static String consequence(String service, Kind kind) {
    return kind == Kind.CATALOG
        ? "Every order fails with 503 until you restart it, and so does a query for a toy not in the frontend's "
            + "cache. Its stock is on disk and comes back with it."
        : "Clients of " + service + " (this dashboard's Shop among them) get no answer until you restart it; in lab "
            + "mode nothing chooses a new leader meanwhile.";
  }
}
