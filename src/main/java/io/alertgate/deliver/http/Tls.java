package io.alertgate.deliver.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;

/**
 * How a destination's certificate is checked: against the JVM's trusted authorities, against an authority of the
 * operator's own (an internal PKI, given as PEM text), or not at all when the operator switched verification off.
 *
 * @param verify whether the certificate and its name are checked
 * @param caPem  the authorities to trust instead of the JVM's, when given
 */
public record Tls(boolean verify, Optional<String> caPem) {

  public static final Tls VERIFIED = new Tls(true, Optional.empty());

  public static Tls parse(Object verify, String verifyField, Object caPem) {
    if (!(verify instanceof Boolean on)) {
      throw new IllegalArgumentException(verifyField + " must be true or false");
    }
    if (caPem == null) {
      return new Tls(on, Optional.empty());
    }
    if (!(caPem instanceof String pem) || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("ca_pem must be PEM text with at least one certificate");
    }
    try {
      // Read now, so a broken certificate is refused when it is saved rather than at the first delivery.
      if (CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
        throw new CertificateException("no certificate");
      }
    } catch (CertificateException | RuntimeException broken) {
      throw new IllegalArgumentException("ca_pem could not be read as PEM certificates");
    }
    return new Tls(on, Optional.of(pem));
  }
}
