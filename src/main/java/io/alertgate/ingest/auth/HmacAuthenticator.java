package io.alertgate.ingest.auth;

import io.alertgate.config.AuthConfig.SignatureEncoding;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** HMAC-SHA256 of the raw body in one header, hex or base64, with or without a {@code sha256=} prefix. */
final class HmacAuthenticator implements SourceAuthenticator {

  private static final String PREFIX = "sha256=";
  private static final int DIGEST_BYTES = 32;

  private final String header;
  private final SignatureEncoding encoding;
  private final Hmacs hmacs;

  HmacAuthenticator(String header, SignatureEncoding encoding, List<String> secrets) {
    this.header = header;
    this.encoding = encoding;
    this.hmacs = new Hmacs(secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
  }

  @Override
  public void verify(AuthRequest request) {
    String value = request.headers().get(header);
    if (value == null || value.isBlank()) {
      throw new AuthRejectedException("missing_signature", "The " + header + " header is missing");
    }
    byte[] signature = decode(value.trim());
    if (signature == null || !hmacs.anyMatches(signature, request.body())) {
      throw new AuthRejectedException("invalid_signature",
          "The " + header + " signature does not match the body");
    }
  }

  private byte[] decode(String value) {
    String digest = value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? value.substring(PREFIX.length()) : value;
    try {
      byte[] bytes = encoding == SignatureEncoding.HEX
          ? HexFormat.of().parseHex(digest)
          : Base64.getDecoder().decode(digest);
      return bytes.length == DIGEST_BYTES ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
