package toystore.connect;

import okhttp3.OkHttpClient;
import toystore.client.AgentClient;
import toystore.client.StoreClient;

/**
 * Where a running store is: its frontend, and its chaos agent with the admin token when the tool
 * asked for them ({@code agentUrl} and {@code adminToken} are both null otherwise).
 */
public record StoreAddress(String frontendUrl, String agentUrl, String adminToken) {

  public boolean hasAgent() {
    return agentUrl != null;
  }

  public StoreClient storeClient(OkHttpClient http) {
    return new StoreClient(http, frontendUrl);
  }

  /** @throws IllegalStateException when the tool did not ask for the agent */
  public AgentClient agentClient(OkHttpClient http) {
    if (!hasAgent()) {
      throw new IllegalStateException("no agent was located for this tool");
    }
    return new AgentClient(http, agentUrl, adminToken);
  }

  @Override
  public String toString() {
    return "StoreAddress[frontend=" + frontendUrl + ", agent=" + agentUrl + "]"; // never the token
  }
}
