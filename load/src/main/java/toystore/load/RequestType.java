package toystore.load;

/** The three requests of the client model, each with its own latency histogram. */
public enum RequestType {
  QUERY("query"),
  ORDER("order"),
  LOOKUP("order lookup");

  private final String label;

  RequestType(String label) {
    this.label = label;
  }

  /** How tables and progress lines name it. */
  public String label() {
    return label;
  }
}
