package io.alertgate.ingest;

/** The commit did not happen (or its outcome is unknown); the sender should retry, and dedup makes that safe. */
public final class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
