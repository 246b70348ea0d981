package toystore.json;

import com.squareup.moshi.FromJson;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.ToJson;
import toystore.config.Replication;

/** A {@link Replication} is its word in JSON ({@code "lab"}, {@code "raft"}), as on the command line. */
final class ReplicationAdapter {
  @ToJson
  String toJson(Replication replication) {
    return replication.word();
  }

  @FromJson
  Replication fromJson(String word) {
    try {
      return Replication.parse(word);
    } catch (IllegalArgumentException e) {
      throw new JsonDataException(e.getMessage(), e);
    }
  }
}
