package toystore.order.raft;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The cluster secret's signature on every order entry (docs/SECURITY.md, the Raft port): Ratis
 * takes client requests from any process that reaches its port, and only an entry a replica wrote
 * may become an order. An entry is the HMAC-SHA256 of its command's JSON (32 bytes), then the JSON.
 */
final class CommandSeal {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  /** Signed before the JSON, so that this signature serves no other use of the secret. */
  private static final byte[] PURPOSE = "toystore raft order entry\n".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;

  CommandSeal(String clusterSecret) {
    if (clusterSecret == null || clusterSecret.isEmpty()) {
      throw new IllegalArgumentException("raft replication needs the cluster secret to sign its entries");
    }
    this.key = new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  Message seal(OrderCommand command) {
    byte[] json = command.json();
    byte[] entry = Arrays.copyOf(mac(json), MAC_BYTES + json.length);
    System.arraycopy(json, 0, entry, MAC_BYTES, json.length);
    return Message.valueOf(ByteString.copyFrom(entry));
  }

  /** The command's JSON if {@code entry} is signed with the cluster secret; empty if not. */
  Optional<byte[]> opened(byte[] entry) {
    if (entry.length < MAC_BYTES) {
      return Optional.empty();
    }
    byte[] json = Arrays.copyOfRange(entry, MAC_BYTES, entry.length);
    return MessageDigest.isEqual(mac(json), Arrays.copyOf(entry, MAC_BYTES)) ? Optional.of(json) : Optional.empty();
  }

  private byte[] mac(byte[] json) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(PURPOSE);
      return mac.doFinal(json);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
