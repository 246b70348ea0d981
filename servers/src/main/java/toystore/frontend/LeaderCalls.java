package toystore.frontend;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import toystore.client.ReplicaAddress;
import toystore.client.ReplicaClient;

/**
 * A client for one leader whose calls go through a dispatcher of their own, so that giving the
 * leader up cancels every call still waiting on it at once (it is then retried on the next leader
 * instead of waiting out a read timeout); a call that starts after that fails at once.
 */
record LeaderCalls(ReplicaClient client, Dispatcher calls, AtomicBoolean givenUp) {
  static LeaderCalls open(OkHttpClient leadHttp, ReplicaAddress address, String clusterSecret) {
    Dispatcher calls = new Dispatcher();
    AtomicBoolean givenUp = new AtomicBoolean();
    OkHttpClient http = leadHttp.newBuilder().dispatcher(calls).addInterceptor(chain -> {
      if (givenUp.get()) {
        throw new IOException("leader " + address.id() + " was given up");
      }
      return chain.proceed(chain.request());
    }).build();
    return new LeaderCalls(new ReplicaClient(http, address, clusterSecret), calls, givenUp);
  }

  void giveUp() {
    givenUp.set(true);
    calls.cancelAll();
  }
}
