package io.alertgate.secret;

/**
 * A sealed value could not be opened: it is not one, it was altered, or it belongs to another field or another key.
 * The message names what went wrong and never holds the value, its plaintext or any key material.
 */
public class SecretException extends RuntimeException {

  SecretException(String message) {
    super(message);
  }
}
