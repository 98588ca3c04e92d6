package io.alertgate.ingest.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;

/** HMAC-SHA256 instances for a list of keys, and the comparison every scheme must use. */
final class Hmacs {

  private final Mac[] macs;

  Hmacs(List<byte[]> keys) {
    macs = new Mac[keys.size()];
    for (int i = 0; i < macs.length; i++) {
      macs[i] = newMac(keys.get(i));
    }
  }

  /** True when the signature matches the content under any of the keys (a rotation keeps several alive). */
  boolean anyMatches(byte[] signature, byte[]... content) {
    return anyMatches(digests(content), signature);
  }

  /** The content's HMAC under each key: computed once, however many candidate signatures a request carries. */
  byte[][] digests(byte[]... content) {
    byte[][] digests = new byte[macs.length][];
    for (int i = 0; i < macs.length; i++) {
      for (byte[] part : content) {
        macs[i].update(part);
      }
      digests[i] = macs[i].doFinal();
    }
    return digests;
  }

  static boolean anyMatches(byte[][] digests, byte[] signature) {
    boolean matched = false;
    for (byte[] digest : digests) {
      matched |= MessageDigest.isEqual(digest, signature);
    }
    return matched;
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
