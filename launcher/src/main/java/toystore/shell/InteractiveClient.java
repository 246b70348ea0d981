package toystore.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import toystore.client.StoreClient;
import toystore.load.RetryPolicy;
import toystore.model.Order;
import toystore.model.Product;

/**
 * The original design's client, by hand: Q queries a toy, B buys one, O checks an order. Reads
 * one command per line until X or the end of the input.
 */
public final class InteractiveClient {
  private static final String HELP =
      """
      Commands (case does not matter):
        Q <toy>              query a toy's price and stock
        B <toy> [quantity]   buy (quantity 1 unless given)
        O <number>           check an order
        H                    this help
        X                    exit""";

  private final StoreClient store;
  private final BufferedReader in;
  private final PrintWriter out;
  private final RetryPolicy retry;
  private final String keyPrefix;
  private long purchases;

  public InteractiveClient(StoreClient store, BufferedReader in, PrintWriter out, RetryPolicy retry) {
    this.store = store;
    this.in = in;
    this.out = out;
    this.retry = retry;
    byte[] session = new byte[4];
    new SecureRandom().nextBytes(session);
    this.keyPrefix = "shell-" + HexFormat.of().formatHex(session) + "-";
  }

  /** Runs until X or the end of the input. */
  public void run() throws IOException, InterruptedException {
    out.println("Toy Store at " + store.url() + " — Q query, B buy, O check order, H help, X exit");
    while (true) {
      out.print("> ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        out.println();
        out.flush();
        return;
      }
      String[] words = line.strip().split("\\s+");
      String command = words[0].toUpperCase(Locale.ROOT);
      switch (command) {
        case "" -> {}
        case "Q" -> query(words);
        case "B" -> buy(words);
        case "O" -> check(words);
        case "H", "?" -> out.println(HELP);
        case "X", "EXIT", "QUIT" -> {
          out.flush();
          return;
        }
        default -> out.println("Unknown command '" + words[0] + "'. H shows the commands.");
      }
      out.flush();
    }
  }

  private void query(String[] words) throws InterruptedException {
    if (words.length < 2) {
      out.println("Usage: Q <toy>");
      return;
    }
    String toy = toyName(words, words.length);
    try {
      Product product = retry.run(() -> store.product(toy)).value();
      out.printf(Locale.ROOT, "%s: $%.2f, %d in stock%n", product.name(), product.price(), product.quantity());
    } catch (RetryPolicy.RequestFailed e) {
      out.println(toy + ": " + explain(e));
    }
  }

  private void buy(String[] words) throws InterruptedException {
    if (words.length < 2) {
      out.println("Usage: B <toy> [quantity]");
      return;
    }
    int quantity = 1;
    int nameEnd = words.length;
    if (words.length > 2 && words[words.length - 1].matches("\\d{1,7}")) {
      quantity = Integer.parseInt(words[words.length - 1]);
      nameEnd--;
    }
    String toy = toyName(words, nameEnd);
    int amount = quantity;
    // One key per purchase: the retries below can never buy twice.
    String key = keyPrefix + ++purchases;
    try {
      RetryPolicy.Outcome<Long> outcome = retry.run(() -> store.order(toy, amount, key));
      out.printf("Bought %d x %s: order %d%s%n", amount, toy, outcome.value(), retried(outcome.retries()));
    } catch (RetryPolicy.RequestFailed e) {
      out.println("Not bought: " + explain(e) + retried(e.retries()));
    }
  }

  private void check(String[] words) throws InterruptedException {
    if (words.length != 2 || !words[1].matches("\\d{1,18}")) {
      out.println("Usage: O <number>");
      return;
    }
    long number = Long.parseLong(words[1]);
    try {
      Order order = retry.run(() -> store.lookup(number)).value();
      out.printf("Order %d: %d x %s%n", order.number(), order.quantity(), order.name());
    } catch (RetryPolicy.RequestFailed e) {
      out.println("Order " + number + ": " + explain(e));
    }
  }

  /** Toy names may hold spaces ("Yo-Yo" does not, but a catalog may). */
  private static String toyName(String[] words, int end) {
    return String.join(" ", Arrays.copyOfRange(words, 1, end));
  }

  private static String explain(RetryPolicy.RequestFailed e) {
    return switch (e.status()) {
      case 0 -> "the store does not answer (" + e.getMessage() + ")";
      case 404 -> "not found";
      case 409 -> "not enough stock";
      case 503 -> "the store cannot answer safely right now (" + e.getMessage() + "); try again";
      default -> e.getMessage() + " (HTTP " + e.status() + ")";
    };
  }

  private static String retried(int retries) {
    return retries == 0 ? "" : " (after " + retries + (retries == 1 ? " retry" : " retries") + ")";
  }
}
