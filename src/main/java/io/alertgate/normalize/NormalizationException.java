package io.alertgate.normalize;

/** The payload is JSON but not an alert this normalizer can read; says where and what, for the operator. */
public final class NormalizationException extends RuntimeException {

  public NormalizationException(String path, String problem) {
    super(path + ": " + problem, null, false, false);
  }
}
