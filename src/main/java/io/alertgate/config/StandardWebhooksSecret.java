package io.alertgate.config;

import java.util.Base64;

/** Standard Webhooks secrets are {@code whsec_} followed by the base64 of the key. */
public final class StandardWebhooksSecret {

  private static final String PREFIX = "whsec_";

  private StandardWebhooksSecret() {
  }

  public static boolean isValid(String secret) {
    try {
      return key(secret).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The key bytes; throws IllegalArgumentException when the secret is not of the form. */
  public static byte[] key(String secret) {
    if (!secret.startsWith(PREFIX)) {
      throw new IllegalArgumentException("no whsec_ prefix");
    }
    return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
  }
}
