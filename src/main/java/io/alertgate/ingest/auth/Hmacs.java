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
    for (Mac mac : macs) {
      for (byte[] part : content) {
        mac.update(part);
      }
      if (MessageDigest.isEqual(mac.doFinal(), signature)) {
        return true;
      }
    }
    return false;
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
