package io.alertgate.enrich.scope;

import java.util.Optional;
import java.util.regex.Pattern;

/** The file hashes a provider is asked about: MD5, SHA-1 and SHA-256, in hex. */
final class FileHashes {

  static final String UNSUPPORTED = "not an md5, sha1 or sha256 hex digest (other hashes are not looked up)";

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  private FileHashes() {
  }

  /** md5, sha1 or sha256 by the length of a hex digest; empty for anything else (ssdeep, imphash, base64...). */
  static Optional<String> typeOf(String value) {
    if (value.length() > 64 || !HEX.matcher(value).matches()) {
      return Optional.empty();
    }
    return switch (value.length()) {
      case 32 -> Optional.of("md5");
      case 40 -> Optional.of("sha1");
      case 64 -> Optional.of("sha256");
      default -> Optional.empty();
    };
  }
}
