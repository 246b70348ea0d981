package toystore.gui;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import toystore.client.ApiException;

/** Turns a failed call into one short line a person can act on (never a stack trace). */
final class Problems {
  private Problems() {}

  static String describe(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api.getMessage() + " (HTTP " + api.status() + ")";
    }
    if (failure instanceof ConnectException) {
      return "not reachable (connection refused)";
    }
    if (failure instanceof InterruptedIOException) {
      return "no answer in time";
    }
    if (failure instanceof UnknownHostException) {
      return "unknown host " + failure.getMessage();
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
